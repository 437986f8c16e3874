//! Tells a job offer from a person's account, from a report about others and from advice to
//! the reader (`--kind auto`): counts the offer cues ("we offer", "salary from", "вакансия",
//! "пишите"), the account cues ("I was", "they took", "мы приехали", "нам не платили"), the
//! report cues ("sentenced", "according to", "по данным", "фильм") and the advice cues ("do
//! not hand over", "hotline", "не отдавайте", "горячая линия") of each sentence's language,
//! and decides with the rule in rules/assessment.yaml (`kind`). An offer is read as
//! recruitment risk; a report and advice describe no case of their own.

use crate::assessment_cues::{
    ACCOUNT_SLOT, ADVICE_SLOT, CASE_SLOT, NOT_CASE_SLOT, OFFER_SLOT, REPORT_SLOT,
};
use crate::assessment_rules::AssessmentRules;
use crate::cue_index::SentenceLists;
use serde::Serialize;
use std::ops::Range;

/// What the text is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum KindChoice {
    /// Decide from the text.
    #[default]
    Auto,
    /// A job advert or offer: read as recruitment risk.
    Offer,
    /// A person's account of what happened to them.
    Account,
    /// A report about other people (news, a court case, a study, a film or a story): its
    /// findings are listed, its risk level is capped (rules/assessment.yaml, `kind.report`).
    Report,
    /// Advice to the reader (a leaflet, a guide, a training handout on warning signs): its
    /// findings are listed, its risk level is capped (rules/assessment.yaml, `kind.advice`).
    Advice,
}

/// The kind a report was read as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Offer,
    Account,
    Report,
    Advice,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Offer => "offer",
            Kind::Account => "account",
            Kind::Report => "report",
            Kind::Advice => "advice",
        }
    }
}

/// Occurrences of the cues in one text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct KindCues {
    pub offer: usize,
    pub account: usize,
    pub report: usize,
    pub advice: usize,
    /// Whether the text has a cue of one person's case ("I", "my", "the client", "по её
    /// словам"): only whether matters, so the search stops at the first.
    pub case: bool,
}

impl std::ops::AddAssign for KindCues {
    fn add_assign(&mut self, other: KindCues) {
        self.offer += other.offer;
        self.account += other.account;
        self.report += other.report;
        self.advice += other.advice;
        self.case |= other.case;
    }
}

/// Counts the cues in the sentences `lists` covers, each sentence with its own language's
/// lists, searched only in the sentences where `lists` says they may match.
pub fn count_cues(folded: &str, sentences: &[Range<usize>], lists: &SentenceLists<'_>) -> KindCues {
    let mut cues = KindCues::default();
    for i in lists.sentences() {
        let Some((_, words)) = lists.lang(i) else {
            continue;
        };
        let text = &folded[sentences[i].clone()];
        let count = |set: &Option<crate::term::TermSet>, slot| match set {
            Some(set) => lists.count(set, slot, i, text),
            None => 0,
        };
        // A question tells nothing that happened: "Am I asked to pay?", "Who keeps my
        // passport?" in a handout are the reader's questions, not an account.
        // Nor does a statement an asker's label opens ("Q: I am locked in ...", a leaflet's
        // question put as the reader would say it).
        let question =
            crate::exchange::is_question(text) || crate::exchange::is_askers_statement(text);
        cues.offer += count(&words.offer, OFFER_SLOT);
        if !question {
            cues.account += count(&words.account, ACCOUNT_SLOT);
        }
        cues.report += count(&words.report, REPORT_SLOT);
        cues.advice += count(&words.advice, ADVICE_SLOT);
        // "I", "я" are in most sentences of an account: once one is found, the list is
        // not searched again. A sentence is a case's only with more case cues than phrases
        // of opinion, each of which holds one ("на мой взгляд, финал слишком сказочный").
        // Not in a question ("Who keeps my passport?" is a handout's question for the
        // reader to ask) nor inside quotation marks (the employer's «паспорт будет у меня»
        // quoted by a leaflet): there the first person is someone else's voice.
        if !cues.case && !question {
            let case = match &words.case {
                Some(set) => {
                    let quoted = quoted_stretches(text);
                    // A question read with its answer ("Can I still get help? A: Yes.") is
                    // the asker's up to its question mark: only the answer can be a case's.
                    let answer_from = text.rfind(['?', '？']).map_or(0, |q| q + 1);
                    lists
                        .find_all(set, CASE_SLOT, i, text)
                        .into_iter()
                        .filter(|&(s, e)| {
                            s >= answer_from && !quoted.iter().any(|q| q.start <= s && e <= q.end)
                        })
                        .count()
                }
                None => 0,
            };
            cues.case = case > 0 && case > count(&words.not_case, NOT_CASE_SLOT);
        }
    }
    cues
}

/// The stretches of `text` inside quotation marks, as byte ranges: «...», “...”, „...“ and
/// a pair of straight double quotes. A quotation left open is no stretch.
fn quoted_stretches(text: &str) -> Vec<Range<usize>> {
    let mut stretches = Vec::new();
    let mut open: Option<(char, usize)> = None;
    for (at, c) in text.char_indices() {
        match (open, c) {
            (None, '«' | '“' | '„' | '"') => open = Some((c, at + c.len_utf8())),
            (Some(('«', from)), '»') | (Some(('„', from)), '“' | '”') => {
                stretches.push(from..at);
                open = None;
            }
            (Some(('“', from)), '”') | (Some(('"', from)), '"') => {
                stretches.push(from..at);
                open = None;
            }
            _ => {}
        }
    }
    stretches
}

/// The documented rule: a report needs at least `report.min_cues` report cues, more of them
/// than account and offer cues together, and no cue of one person's case (a caseworker's
/// note on a client whose employer is on trial is a case to screen, however many times it
/// says "court": reading it as a report would hide it, the worse mistake); advice the same
/// with its own cues and `advice.min_cues` (when both hold, the one with more cues, a report
/// on a tie); an offer needs at least `min_offer_cues` offer cues and more offer cues than
/// account cues; anything else is read as an account.
pub fn decide(cues: KindCues, rules: &AssessmentRules) -> Kind {
    let others = cues.account + cues.offer;
    let holds = |count: usize, min: usize| !cues.case && count >= min && count > others;
    let report = holds(cues.report, rules.report.min_cues);
    let advice = holds(cues.advice, rules.advice.min_cues);
    if report && !(advice && cues.advice > cues.report) {
        Kind::Report
    } else if advice {
        Kind::Advice
    } else if cues.offer >= rules.min_offer_cues && cues.offer > cues.account {
        Kind::Offer
    } else {
        Kind::Account
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fold::fold;
    use crate::ruleset::RuleSet;
    use std::collections::HashSet;

    fn classify(text: &str, lang: &str) -> (Kind, KindCues) {
        let rules = RuleSet::builtin().unwrap();
        let mut sentences = crate::text::sentences(text, &HashSet::new());
        // Questions joined with their answers, as the matcher gives the sentences.
        crate::exchange::join_answers(text, &mut sentences, &rules.answer_words);
        let langs = vec![Some(lang.to_string()); sentences.len()];
        let folded = fold(text);
        let lists = SentenceLists::new(&folded, &sentences, &langs, &rules.assessment);
        let cues = count_cues(&folded, &sentences, &lists);
        (decide(cues, &rules.assessment), cues)
    }

    /// A handout that lists the reader's questions in the first person ("Who keeps my
    /// passport?") or quotes an employer ("«паспорт будет у меня»") is advice: the first
    /// person there is no one's case. A worker quoting someone keeps their own voice.
    #[test]
    fn first_person_questions_and_quotes_are_no_case() {
        let handout = "Before you sign: questions to ask. Who keeps my passport? You do, never \
                       the employer. Am I asked to pay a fee? Do not pay. When am I paid? \
                       Insist on monthly pay. Call the hotline if you are locked in.";
        let (kind, cues) = classify(handout, "en");
        assert!(!cues.case, "{cues:?}");
        assert_eq!(kind, Kind::Advice, "{cues:?}");
        let leaflet = "Памятка. Никому не отдавайте паспорт. Если работодатель говорит: «паспорт \
                       будет у меня, так надёжнее» — это незаконно. Проверьте агентство. \
                       Звоните на горячую линию, это анонимно.";
        let (kind, cues) = classify(leaflet, "ru");
        assert!(!cues.case, "{cues:?}");
        assert_eq!(kind, Kind::Advice, "{cues:?}");
        let account = "Бригадир сказал «паспорт будет у меня». Я его так и не получил.";
        let (_, cues) = classify(account, "ru");
        assert!(cues.case, "{cues:?}");
    }

    /// An agency's notice about scammers using its name quotes the scammers' offers (a fee,
    /// a tourist visa) to warn against them: it is advice, not an offer. A worker who met
    /// such a scammer is still a case.
    #[test]
    fn a_warning_about_scams_in_an_agencys_name_is_advice() {
        let notice = "Notice to candidates. Scammers are sending fake job offers in our name \
                      on WhatsApp, asking for a visa fee. Northway Staffing never asks \
                      applicants for money. Your contract comes from our office by email. If \
                      a message tells you to travel on a visitor visa, it is not us: please \
                      report it to the police.";
        let (kind, cues) = classify(notice, "en");
        assert_eq!(kind, Kind::Advice, "{cues:?}");
        let channel = "Официальный канал центра занятости. Набор на уборку клубники в Англии, \
                       участие бесплатное. От нашего имени появились фейковые объявления. Если \
                       вам пишут, что за визу надо заплатить, это мошенники, звоните на \
                       горячую линию.";
        let (kind, cues) = classify(channel, "ru");
        assert_eq!(kind, Kind::Advice, "{cues:?}");
        let account = "The agent turned out to be a scammer. I paid him 900 dollars for the \
                       visa and he kept my passport.";
        let (kind, cues) = classify(account, "en");
        assert_eq!(kind, Kind::Account, "{cues:?}");
    }

    /// A leaflet's questions put as the reader would say them, after an asker's label ("Q: I
    /// am locked in the house ..."), and the first person of a question read with its answer
    /// ("Can I still get help? A: Yes.") are the asker's: the leaflet is advice. In an
    /// interview the answers are the worker's own, and the case stays a case.
    #[test]
    fn an_askers_first_person_is_no_case() {
        let leaflet = "Know your rights: questions we hear every week.\nQ: My boss keeps my \
                       passport. Is that allowed? A: No. It belongs to you.\nQ: I am locked in \
                       the house when the family goes out. A: That is not legal, call the \
                       helpline.\nQ: I have no papers. Can I still get help? A: Yes. Free and \
                       confidential, call us.";
        let (kind, cues) = classify(leaflet, "en");
        assert!(!cues.case, "{cues:?}");
        assert_eq!(kind, Kind::Advice, "{cues:?}");
        let interview = "Q: Who kept your passport? A: The foreman, I never saw it again.\nQ: \
                         Were you paid? A: No, he said I owe him for the flight.";
        let (kind, cues) = classify(interview, "en");
        assert!(cues.case, "{cues:?}");
        assert_eq!(kind, Kind::Account, "{cues:?}");
    }

    #[test]
    fn the_decision_rule_branches() {
        let rules = RuleSet::builtin().unwrap().assessment;
        // Cue counts in the order offer, account, report, advice; and the case cue.
        let d = |[offer, account, report, advice]: [usize; 4], case| {
            let cues = KindCues {
                offer,
                account,
                report,
                advice,
                case,
            };
            decide(cues, &rules)
        };
        let min = rules.min_offer_cues;
        let k = |offer, account| d([offer, account, 0, 0], false);
        assert_eq!(k(min, 0), Kind::Offer);
        assert_eq!(k(min - 1, 0), Kind::Account, "too few offer cues");
        assert_eq!(k(min + 3, min + 3), Kind::Account, "a tie is an account");
        assert_eq!(k(min + 3, min + 2), Kind::Offer);
        assert_eq!(k(0, 0), Kind::Account);

        let min = rules.report.min_cues;
        let r = |report, account, offer, case| d([offer, account, report, 0], case);
        assert_eq!(r(min, 0, 0, false), Kind::Report);
        assert_eq!(
            r(min - 1, 0, 0, false),
            Kind::Account,
            "too few report cues"
        );
        assert_eq!(r(min + 2, 1, 1, false), Kind::Report);
        assert_eq!(
            r(min + 2, 1, min + 1, false),
            Kind::Offer,
            "not more than the others"
        );
        assert_eq!(
            r(min + 2, min + 2, 0, false),
            Kind::Account,
            "a tie is an account"
        );
        assert_eq!(r(min + 9, 0, 0, true), Kind::Account, "one person's case");

        let min = rules.advice.min_cues;
        let a = |advice, report, others, case| d([others, 0, report, advice], case);
        assert_eq!(a(min, 0, 0, false), Kind::Advice);
        assert_eq!(
            a(min - 1, 0, 0, false),
            Kind::Account,
            "too few advice cues"
        );
        assert_eq!(
            a(min + 2, 0, min + 2, false),
            Kind::Offer,
            "not more than the others"
        );
        assert_eq!(a(min + 9, 0, 0, true), Kind::Account, "one person's case");
        let both = rules.report.min_cues.max(min) + 1;
        assert_eq!(
            a(both + 1, both, 0, false),
            Kind::Advice,
            "more advice cues"
        );
        assert_eq!(
            a(both, both + 1, 0, false),
            Kind::Report,
            "more report cues"
        );
        assert_eq!(a(both, both, 0, false), Kind::Report, "a tie is a report");
    }

    /// News, a court report, statistics and a film are reports about others; a case note or
    /// a worker's own story that mentions the court or the police is still a case.
    #[test]
    fn reports_about_others_and_cases_that_mention_the_court() {
        for (text, lang) in [
            (
                "A district court sentenced two recruiters to nine years in prison. According \
                 to prosecutors, the defendants took the workers' passports and kept their \
                 wages. The verdict can be appealed.",
                "en",
            ),
            (
                "In the survey, 41% of respondents said an employer held their passport and \
                 18% reported unpaid wages. The estimates cover about 2 million people.",
                "en",
            ),
            (
                "The film follows a young nurse lured to a farm abroad, where her papers are \
                 taken. Directed by a first-time director, starring an unknown cast.",
                "en",
            ),
            (
                "Суд приговорил организатора цеха к шести годам. По данным следствия, он \
                 отбирал у работников паспорта и не платил им. Потерпевшими признаны 12 человек.",
                "ru",
            ),
            (
                "По данным опроса, 37% мигрантов сталкивались с задержкой зарплаты, 12% \
                 отдавали паспорт работодателю. В исследовании участвовали 900 респондентов.",
                "ru",
            ),
            // News of a law and of a meeting, with the vocabulary of job offers in them.
            (
                "Parliament passed in second reading a bill that fines employers who keep \
                 workers' passports. Recruitment agencies that charge jobseekers would lose \
                 their licence. The law would enter into force in March, said the head of the \
                 labour committee.",
                "en",
            ),
            (
                "В Оше прошёл круглый стол о трудоустройстве за рубежом. Участники обсудили \
                 вакансии, за которые посредники берут деньги с кандидатов, и задержки \
                 зарплаты. Представители министерства обещали проверить агентства, сообщает \
                 пресс-служба ведомства.",
                "ru",
            ),
        ] {
            let (k, c) = classify(text, lang);
            assert_eq!(k, Kind::Report, "{c:?}: {text}");
        }
        for (text, lang) in [
            (
                "Case summary. The client worked in a sewing workshop; according to her the \
                 owner took her passport. The prosecutor has charged the owner and the trial \
                 is in court in March; the court will hear her as a victim.",
                "en",
            ),
            (
                "I worked on the farm for a year and the boss kept my passport. The court \
                 sentenced him in May, the prosecutor said the verdict was fair.",
                "en",
            ),
            (
                "Клиентка, 29 лет. По её словам, работодатель забрал паспорт. Возбуждено \
                 уголовное дело, суд назначен на апрель, прокуратура проверяет цех.",
                "ru",
            ),
        ] {
            let (k, c) = classify(text, lang);
            assert_eq!(k, Kind::Account, "{c:?}: {text}");
        }
    }

    /// A review that gives its opinion in the first person ("на мой взгляд", "in my
    /// opinion") is still a review; an account that says "I think" has other first-person
    /// words and stays a case.
    #[test]
    fn an_opinion_in_the_first_person_is_no_case() {
        for (text, lang) in [
            (
                "Посмотрела новый сериал про мигрантов: героиню запирают в квартире, отбирают \
                 паспорт. Актриса играет потрясающе, но финал, на мой взгляд, слишком \
                 сказочный. Сценаристы консультировались с правозащитниками, судя по титрам.",
                "ru",
            ),
            (
                "The novel follows a young nurse whose passport is taken on a farm abroad. The \
                 author writes the farm scenes with care, and in my opinion the ending is too \
                 neat. The film adaptation premieres at the festival next spring.",
                "en",
            ),
        ] {
            let (k, c) = classify(text, lang);
            assert!(!c.case, "{c:?}: {text}");
            assert_eq!(k, Kind::Report, "{c:?}: {text}");
        }
        for (text, lang) in [
            (
                "Я думаю, фильм про нас снимать не будут. Бригадир забрал мой паспорт, суд \
                 назначен на апрель, по данным прокуратуры дело возбуждено.",
                "ru",
            ),
            (
                "In my opinion the court was fair, but the boss kept my passport for a year \
                 and the prosecutor said the verdict can be appealed.",
                "en",
            ),
        ] {
            let (k, c) = classify(text, lang);
            assert!(c.case, "{c:?}: {text}");
            assert_eq!(k, Kind::Account, "{c:?}: {text}");
        }
    }

    #[test]
    fn adverts_and_accounts_in_english() {
        let (k, c) = classify(
            "We are hiring drivers for a logistics firm. Requirements: licence C. \
             Salary from 2000 EUR per month. Call us today.",
            "en",
        );
        assert_eq!(k, Kind::Offer, "{c:?}");
        let (k, c) = classify(
            "I came to the city in May. The boss took my passport and we worked \
             every night. They told me I owed them for the flight.",
            "en",
        );
        assert_eq!(k, Kind::Account, "{c:?}");
    }

    #[test]
    fn adverts_and_accounts_in_russian() {
        let (k, c) = classify(
            "Требуются разнорабочие на склад. Зарплата от 90 000 руб. Пишите в вацап.",
            "ru",
        );
        assert_eq!(k, Kind::Offer, "{c:?}");
        let (k, c) = classify(
            "Мы приехали в марте. Бригадир забрал паспорта, нам не платили три месяца.",
            "ru",
        );
        assert_eq!(k, Kind::Account, "{c:?}");
    }
}
