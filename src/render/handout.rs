//! The workshop handout (`redflag indicators --format html|markdown`): every indicator with a
//! plain explanation, an example sentence, the questions to ask, and where to seek help, in
//! English or Russian. All prose comes from rules/indicators.yaml.

use super::labels::labels;
use super::{html, markdown};
use crate::catalog::{Catalog, Indicator};
use std::io::{self, Write};

/// Extra style for the handout cards; the report style sheet supplies the rest.
const HANDOUT_STYLE: &str = r#"
.card { border: 2px solid #333; border-radius: 8px; padding: 0.75rem 1.25rem; margin: 1.25rem 0;
  break-inside: avoid; }
.card h2 { border: 0; margin-top: 0.25rem; }
.example { font-size: 1.1em; border-left: 6px solid #ffe066; background: #fff9db;
  padding: 0.5rem 1rem; margin: 0.5rem 0; }
.help { border: 3px solid #1e6b2f; border-radius: 8px; padding: 0.75rem 1.25rem; margin-top: 2rem;
  break-inside: avoid; }
@media print { .card { margin: 0.5rem 0; } .example { -webkit-print-color-adjust: exact;
  print-color-adjust: exact; } }
"#;

/// The handout as one self-contained HTML page in `lang` (`en` or `ru`).
pub fn write_html(out: &mut dyn Write, catalog: &Catalog, lang: &str) -> io::Result<()> {
    let l = labels(lang);
    let text = catalog.handout(lang);
    let esc = html::escape;
    writeln!(out, "<!DOCTYPE html>\n<html lang=\"{}\">", esc(l.lang))?;
    writeln!(
        out,
        "<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
    )?;
    writeln!(
        out,
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"
    )?;
    writeln!(out, "<title>{}</title>", esc(&text.title))?;
    writeln!(
        out,
        "<style>{}{HANDOUT_STYLE}</style>\n</head>\n<body>",
        html::STYLE
    )?;
    writeln!(out, "<h1>{}</h1>", esc(&text.title))?;
    writeln!(out, "<p>{}</p>", esc(text.intro.trim()))?;
    for (i, ind) in catalog.iter().enumerate() {
        let t = ind.text(lang);
        writeln!(out, "<div class=\"card\" id=\"{}\">", esc(&ind.id))?;
        writeln!(out, "<h2>{}. {}</h2>", i + 1, esc(&t.title))?;
        writeln!(
            out,
            "<p class=\"meta\">{}: {}</p>",
            esc(l.strength),
            esc(l.strength(ind.strength))
        )?;
        writeln!(
            out,
            "<p><strong>{}:</strong> {}</p>",
            esc(l.what),
            esc(t.what.trim())
        )?;
        writeln!(
            out,
            "<p class=\"example\"><strong>{}:</strong> «{}»</p>",
            esc(l.handout_example),
            esc(t.example.trim())
        )?;
        writeln!(
            out,
            "<p><strong>{}:</strong> {}</p>",
            esc(l.why_it_matters),
            esc(t.why.trim())
        )?;
        writeln!(out, "<h3>{}</h3>\n<ul>", esc(l.handout_what_to_do))?;
        for q in &t.questions {
            writeln!(out, "<li>{}</li>", esc(q))?;
        }
        writeln!(out, "</ul>")?;
        writeln!(
            out,
            "<p class=\"framework\"><strong>{}:</strong> {}</p>\n</div>",
            esc(l.framework),
            esc(t.framework.trim())
        )?;
    }
    writeln!(
        out,
        "<div class=\"help\">\n<h2>{}</h2>\n<ul>",
        esc(&text.seek_help_title)
    )?;
    for item in &text.seek_help {
        writeln!(out, "<li>{}</li>", esc(item.trim()))?;
    }
    writeln!(out, "</ul>\n</div>\n</body>\n</html>")
}

/// The handout as GitHub-flavoured Markdown in `lang`.
pub fn write_markdown(out: &mut dyn Write, catalog: &Catalog, lang: &str) -> io::Result<()> {
    let text = catalog.handout(lang);
    let esc = markdown::escape;
    writeln!(out, "# {}\n", esc(&text.title))?;
    writeln!(out, "{}\n", esc(text.intro.trim()))?;
    for (i, ind) in catalog.iter().enumerate() {
        write_card_markdown(out, i + 1, ind, lang)?;
    }
    writeln!(out, "## {}\n", esc(&text.seek_help_title))?;
    for item in &text.seek_help {
        writeln!(out, "- {}", esc(item.trim()))?;
    }
    Ok(())
}

fn write_card_markdown(
    out: &mut dyn Write,
    number: usize,
    ind: &Indicator,
    lang: &str,
) -> io::Result<()> {
    let l = labels(lang);
    let t = ind.text(lang);
    let esc = markdown::escape;
    writeln!(out, "## {number}. {}\n", esc(&t.title))?;
    writeln!(out, "_{}: {}_\n", l.strength, l.strength(ind.strength))?;
    writeln!(out, "**{}:** {}\n", l.what, esc(t.what.trim()))?;
    writeln!(
        out,
        "> **{}:** «{}»\n",
        l.handout_example,
        esc(t.example.trim())
    )?;
    writeln!(out, "**{}:** {}\n", l.why_it_matters, esc(t.why.trim()))?;
    writeln!(out, "**{}:**\n", l.handout_what_to_do)?;
    for q in &t.questions {
        writeln!(out, "- {}", esc(q))?;
    }
    writeln!(out)?;
    writeln!(out, "_{}: {}_\n", l.framework, esc(t.framework.trim()))
}
