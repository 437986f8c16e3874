//! The fixed words of the HTML and Markdown reports and handouts (headings, field names) in
//! English and Russian, so that a report's headings match the language of its explanations.
//! Explanations and handout prose are data in rules/indicators.yaml, not here.

use crate::catalog::{Palermo, Strength};
use crate::policy::RiskLevel;

/// Headings and field names in one language.
pub struct Labels {
    pub lang: &'static str,
    pub report_title: &'static str,
    pub batch_title: &'static str,
    pub contents: &'static str,
    pub standard_input: &'static str,
    pub summary: &'static str,
    pub risk_level: &'static str,
    pub score: &'static str,
    pub why: &'static str,
    pub language: &'static str,
    pub coverage: &'static str,
    pub none_assessed: &'static str,
    pub note: &'static str,
    pub palermo: &'static str,
    pub text: &'static str,
    pub legend: &'static str,
    pub findings: &'static str,
    pub no_findings: &'static str,
    pub evidence: &'static str,
    pub line: &'static str,
    pub column: &'static str,
    pub strength: &'static str,
    pub what: &'static str,
    pub why_it_matters: &'static str,
    pub framework: &'static str,
    pub questions: &'static str,
    pub rules: &'static str,
    pub redacted: &'static str,
    pub disclaimer: &'static str,
    pub handout_example: &'static str,
    pub handout_what_to_do: &'static str,
}

pub static EN: Labels = Labels {
    lang: "en",
    report_title: "Screening report",
    batch_title: "Screening reports",
    contents: "Contents",
    standard_input: "standard input",
    summary: "Summary",
    risk_level: "Risk level",
    score: "score",
    why: "Why",
    language: "Language",
    coverage: "coverage",
    none_assessed: "none",
    note: "Note",
    palermo: "Palermo Protocol",
    text: "The text, with the evidence highlighted",
    legend: "Numbers in the text refer to these findings",
    findings: "Findings",
    no_findings: "No red flags were found in this text.",
    evidence: "Evidence",
    line: "line",
    column: "column",
    strength: "Strength",
    what: "What it is",
    why_it_matters: "Why it matters",
    framework: "Framework",
    questions: "Questions to ask",
    rules: "Rules",
    redacted: "Personal data in this report was masked (--redact).",
    disclaimer: crate::report::DISCLAIMER,
    handout_example: "Example",
    handout_what_to_do: "What to ask and do",
};

pub static RU: Labels = Labels {
    lang: "ru",
    report_title: "Результат проверки",
    batch_title: "Результаты проверки",
    contents: "Содержание",
    standard_input: "стандартный ввод",
    summary: "Итог",
    risk_level: "Уровень риска",
    score: "баллы",
    why: "Почему",
    language: "Язык",
    coverage: "проверено",
    none_assessed: "нет",
    note: "Примечание",
    palermo: "Палермский протокол",
    text: "Текст; выделены слова, на которых основаны признаки",
    legend: "Номера в тексте указывают на эти признаки",
    findings: "Признаки",
    no_findings: "В этом тексте тревожных признаков не найдено.",
    evidence: "Где в тексте",
    line: "строка",
    column: "позиция",
    strength: "Сила признака",
    what: "Что это",
    why_it_matters: "Почему это важно",
    framework: "Основание",
    questions: "Что спросить",
    rules: "Правила",
    redacted: "Личные данные в этом отчёте скрыты (--redact).",
    disclaimer: "Это вспомогательная проверка, а не юридическое заключение. Признак означает, что в \
тексте есть слова, указывающие на индикатор; подтвердить его вместе с самим человеком должен \
специалист, обученный выявлению жертв.",
    handout_example: "Пример",
    handout_what_to_do: "Что спросить и что делать",
};

/// The labels for an explanation language (English for anything but `ru`).
pub fn labels(lang: &str) -> &'static Labels {
    match lang {
        "ru" => &RU,
        _ => &EN,
    }
}

impl Labels {
    pub fn level(&self, level: RiskLevel) -> &'static str {
        match (self.lang, level) {
            ("ru", RiskLevel::High) => "высокий",
            ("ru", RiskLevel::Medium) => "средний",
            ("ru", RiskLevel::Low) => "низкий",
            ("ru", RiskLevel::None) => "нет признаков",
            ("ru", RiskLevel::NotAssessed) => "не оценён",
            (_, level) => level.as_str(),
        }
    }

    pub fn strength(&self, s: Strength) -> &'static str {
        match (self.lang, s) {
            ("ru", Strength::Strong) => "сильный",
            ("ru", Strength::Medium) => "средний",
            ("ru", Strength::Weak) => "слабый",
            (_, s) => s.as_str(),
        }
    }

    pub fn palermo(&self, p: Palermo) -> &'static str {
        match (self.lang, p) {
            ("ru", Palermo::Act) => "действие",
            ("ru", Palermo::Means) => "способ",
            ("ru", Palermo::Purpose) => "цель",
            (_, p) => p.as_str(),
        }
    }
}
