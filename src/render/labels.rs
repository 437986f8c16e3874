//! The fixed words of the HTML and Markdown reports and handouts (headings, field names) in
//! English and Russian, so that a report's headings match the language of its explanations.
//! Explanations and handout prose are data in rules/indicators.yaml, not here.

use crate::assess::Assessment;
use crate::assessment_rules::Phase;
use crate::catalog::{Palermo, Strength};
use crate::kind::Kind;
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
    /// The structured assessment's words (see `AssessmentLabels`).
    pub assessment: &'static AssessmentLabels,
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
    assessment: &ASSESSMENT_EN,
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
    assessment: &ASSESSMENT_RU,
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

/// The words of the structured assessment section. None of them may say "trafficking": an
/// offer report uses them too, and an offer is read as recruitment risk only.
pub struct AssessmentLabels {
    pub heading: &'static str,
    pub read_as: &'static str,
    /// "read as" inside a sentence (the summary line).
    pub read_as_lower: &'static str,
    pub offer: &'static str,
    pub account: &'static str,
    pub report: &'static str,
    pub advice: &'static str,
    /// `{offer}`, `{account}`, `{report}` and `{advice}` are replaced by the cue counts.
    pub decided_from_wording: &'static str,
    pub given_with_kind: &'static str,
    pub outcome: &'static str,
    /// Heads the forced-labour caution (both ILO elements, no trafficking reading).
    pub caution: &'static str,
    pub reading: &'static str,
    pub broad: &'static str,
    pub strict: &'static str,
    pub holds: &'static str,
    pub does_not_hold: &'static str,
    pub dimensions: &'static str,
    pub dimension: &'static str,
    pub result: &'static str,
    pub behind: &'static str,
    pub positive: &'static str,
    pub not_positive: &'static str,
    pub offer_dimensions_note: &'static str,
    pub recruitment: &'static str,
    pub destination: &'static str,
    pub phase_unknown: &'static str,
    pub forced_labour: &'static str,
    pub forced_labour_met: &'static str,
    pub forced_labour_not_met: &'static str,
    pub involuntariness: &'static str,
    pub coercion: &'static str,
    pub present: &'static str,
    pub absent: &'static str,
    pub offer_facts: &'static str,
    pub missing: &'static str,
    /// Why the recruitment risk is above the screening level; `{n}` is the threshold.
    pub raised_for_missing: &'static str,
    pub stated: &'static str,
    pub risk_lowering: &'static str,
    pub risk_lowering_note: &'static str,
    pub nothing: &'static str,
    pub line: &'static str,
    pub lines: &'static str,
    pub follow_up: &'static str,
}

pub static ASSESSMENT_EN: AssessmentLabels = AssessmentLabels {
    heading: "Assessment",
    read_as: "Read as",
    read_as_lower: "read as",
    offer: "a job offer",
    account: "a person's account",
    report: "a report about other people",
    advice: "advice to the reader (a leaflet, a guide, a training handout)",
    decided_from_wording: "decided from the wording: offer cues {offer}, account cues {account}, \
report cues {report}, advice cues {advice}; if that is wrong, run again with --kind offer, --kind \
account, --kind report or --kind advice",
    given_with_kind: "given with --kind",
    outcome: "Outcome",
    caution: "Caution",
    reading: "Reading",
    broad: "broad",
    strict: "strict (--strict)",
    holds: "holds",
    does_not_hold: "does not hold",
    dimensions: "Delphi dimensions (ILO/EC 2009)",
    dimension: "Dimension",
    result: "Result",
    behind: "Indicators behind it",
    positive: "positive",
    not_positive: "not established",
    offer_dimensions_note: "An offer describes no work yet: every indicator counts as recruitment.",
    recruitment: "recruitment",
    destination: "at destination",
    phase_unknown: "phase not stated",
    forced_labour: "ILO forced-labour test (ICLS 2018)",
    forced_labour_met: "Both elements present: forced labour is indicated on screening.",
    forced_labour_not_met: "Not met on this text: both elements are needed.",
    involuntariness: "Involuntariness",
    coercion: "Coercion",
    present: "present",
    absent: "absent",
    offer_facts: "What a fair offer states",
    missing: "Missing from the offer",
    raised_for_missing: "one step above the screening risk level, because {n} or more facts a fair offer states are missing",
    stated: "Stated in the offer",
    risk_lowering: "Risk-lowering statements",
    risk_lowering_note: "listed only; they never lower the risk, because a false advert promises too",
    nothing: "none",
    line: "line",
    lines: "lines",
    follow_up: "To ask next (dimensions not established)",
};

pub static ASSESSMENT_RU: AssessmentLabels = AssessmentLabels {
    heading: "Оценка",
    read_as: "Текст прочитан как",
    read_as_lower: "прочитан как",
    offer: "предложение работы",
    account: "рассказ человека о случившемся",
    report: "сообщение о других людях",
    advice: "советы читателю (памятка, руководство, материал для тренинга)",
    decided_from_wording: "определено по словам текста: признаки вакансии — {offer}, признаки \
рассказа — {account}, признаки сообщения о других — {report}, признаки памятки — {advice}; если \
это неверно, запустите снова с --kind offer, --kind account, --kind report или --kind advice",
    given_with_kind: "задано параметром --kind",
    outcome: "Вывод",
    caution: "Внимание",
    reading: "Прочтение",
    broad: "широкое",
    strict: "строгое (--strict)",
    holds: "выполняется",
    does_not_hold: "не выполняется",
    dimensions: "Измерения Delphi (МОТ/ЕК, 2009)",
    dimension: "Измерение",
    result: "Итог",
    behind: "На каких признаках основано",
    positive: "установлено",
    not_positive: "не установлено",
    offer_dimensions_note: "В предложении работы ещё нет самой работы: все признаки отнесены к найму.",
    recruitment: "при найме",
    destination: "на месте работы",
    phase_unknown: "этап не указан",
    forced_labour: "Тест МОТ на принудительный труд (МКСТ, 2018)",
    forced_labour_met: "Оба элемента есть: по результатам проверки есть признаки принудительного труда.",
    forced_labour_not_met: "По этому тексту не выполнен: нужны оба элемента.",
    involuntariness: "Недобровольность",
    coercion: "Принуждение",
    present: "есть",
    absent: "нет",
    offer_facts: "Что указывает честная вакансия",
    missing: "Не указано в предложении",
    raised_for_missing: "на ступень выше уровня риска скрининга: в предложении нет {n} или более сведений, которые указывает честное предложение",
    stated: "Указано в предложении",
    risk_lowering: "Что снижает риск",
    risk_lowering_note: "только перечислено; уровень риска это не снижает: ложная вакансия тоже обещает",
    nothing: "нет",
    line: "строка",
    lines: "строки",
    follow_up: "Что спросить дальше (измерения не установлены)",
};

impl AssessmentLabels {
    pub fn kind(&self, kind: Kind) -> &'static str {
        match kind {
            Kind::Offer => self.offer,
            Kind::Account => self.account,
            Kind::Report => self.report,
            Kind::Advice => self.advice,
        }
    }

    /// How the kind was decided, with the cue counts and the `--kind` hint.
    pub fn kind_source(&self, a: &Assessment) -> String {
        if a.kind_source == "auto" {
            self.decided_from_wording
                .replace("{offer}", &a.kind_cues.offer.to_string())
                .replace("{account}", &a.kind_cues.account.to_string())
                .replace("{report}", &a.kind_cues.report.to_string())
                .replace("{advice}", &a.kind_cues.advice.to_string())
        } else {
            self.given_with_kind.to_string()
        }
    }

    /// `broad` or `strict` in this language (any other name as it is).
    pub fn reading<'a>(&self, reading: &'a str) -> &'a str {
        match reading {
            "broad" => self.broad,
            "strict" => self.strict,
            other => other,
        }
    }

    /// "line" or "lines" before a list of line numbers.
    pub fn line_or_lines(&self, count: usize) -> &'static str {
        if count == 1 { self.line } else { self.lines }
    }

    pub fn phase(&self, phase: Phase) -> &'static str {
        match phase {
            Phase::Recruitment => self.recruitment,
            Phase::Destination => self.destination,
            Phase::Unknown => self.phase_unknown,
        }
    }
}
