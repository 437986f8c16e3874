//! A deterministic generator of benchmark text: accounts and job adverts in English and
//! Russian, written from sentence pools (this project's own writing) and the project's
//! fixtures, varied with names, places and numbers. Most sentences are harmless, some carry a
//! red flag, some negate or advise; a few texts mix the two languages. Shared by
//! `examples/gen_corpus.rs` and the criterion benches (included with `#[path]`).

#![allow(dead_code)]

use std::path::Path;

/// splitmix64: tiny, deterministic, good enough to pick sentences.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
    /// True with probability `percent` / 100.
    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

const EN_NAMES: &[&str] = &[
    "Aziz", "Dilnoza", "Rustam", "Maria", "Joseph", "Farhod", "Gulnara", "Ahmed", "Rosa", "Tomas",
    "Nodira", "Bekzod", "Ana", "Samuel", "Lina", "Omar",
];
const EN_PLACES: &[&str] = &[
    "Dubai",
    "Riyadh",
    "Moscow",
    "Warsaw",
    "Naples",
    "Kuala Lumpur",
    "Doha",
    "Almaty",
    "Lisbon",
    "Gdansk",
    "Kazan",
    "Sharjah",
    "Murcia",
    "Busan",
];
const EN_JOBS: &[&str] = &[
    "construction",
    "a warehouse",
    "a greenhouse",
    "a hotel kitchen",
    "a car wash",
    "a farm",
    "a fishing boat",
    "a garment factory",
    "a private house",
    "a meat plant",
    "a bakery",
];
const EN_HARMLESS: &[&str] = &[
    "I came to {place} in {month} to work in {job}.",
    "My friend {name} told me about this job.",
    "We start at {h} in the morning and usually finish around {h2} in the evening.",
    "The food in the canteen is simple but there is enough of it.",
    "I send money home to my mother every month.",
    "My contract is for {n} months and I have a copy in my language.",
    "On Sundays we go to the market and call our families.",
    "The supervisor, {name}, explained the safety rules on the first day.",
    "I share a room with {n} other workers from my region.",
    "The bus to the site leaves at half past six.",
    "My salary is {money} per month and it comes to my bank card.",
    "I have been learning the language in the evenings.",
    "There are about {n0} people working on this site.",
    "Last week it rained every day and the work was slow.",
    "My brother also wants to come here next year.",
    "We got new gloves and boots this spring.",
    "The doctor at the clinic was kind and spoke a little Russian.",
    "I want to save enough to build a house in my village.",
    "The work is hard, but the pay is what they promised.",
    "I keep my passport in my own bag.",
    "We have one day off each week and overtime is paid extra.",
    "The manager answers our questions on the phone.",
    "In winter the heating in the dormitory works well.",
    "I finished school in {year} and worked as a driver before I left.",
    "My daughter is in third grade and she is doing well.",
    "The company registered me with the migration office in the first week.",
];
const EN_FLAGS: &[&str] = &[
    "When we arrived the manager took our passports and locked them in the office.",
    "They have not paid us for {n} months.",
    "The boss says I owe him {money} for the ticket and the visa.",
    "We are not allowed to leave the compound, the gate is locked at night.",
    "He said if we complain he will call the police and we will be deported.",
    "We work {hh} hours a day, seven days a week.",
    "The guard hit {name} when he asked for his wages.",
    "I paid the agent {money} as a fee to get this job.",
    "The job in the advert was a hotel, but they brought us to a farm instead.",
    "Twelve of us sleep on the floor in one container with no water.",
    "They sold me to another employer for {money}.",
    "We cannot contact our families, they took our phones.",
    "My debt grows every month because they charge us for food and the bed.",
    "The recruiter kept my ID card and said I would get it back after the contract.",
];
const EN_NEGATED: &[&str] = &[
    "Nobody ever took my passport.",
    "They never threatened us.",
    "I did not pay any fee to the agency.",
    "If your employer takes your passport, call the hotline.",
    "Keeping a worker's passport is illegal in this country.",
    "My documents were not taken, I keep them with me.",
    "Did the employer take your passport?",
];
const EN_ADVERT: &[&str] = &[
    "Workers needed for {job} in {place}.",
    "Salary from {money} per month, paid twice a month.",
    "Free accommodation and meals.",
    "No experience needed, training on site.",
    "Official contract, work visa arranged by the employer.",
    "Shifts of {hh} hours, overtime paid.",
    "Call or write on WhatsApp: +{phone}.",
    "Men and women aged 20 to 45.",
    "Tickets paid by the company.",
];
const EN_ADVERT_FLAGS: &[&str] = &[
    "Passports are kept by the company for the whole contract.",
    "Registration fee {money}, paid before departure.",
    "Earn {money} a week, no questions asked, leave tomorrow.",
    "Work permit not required, we take care of everything.",
];

const RU_NAMES: &[&str] = &[
    "Азиз",
    "Дильноза",
    "Рустам",
    "Мария",
    "Фарход",
    "Гульнара",
    "Бекзод",
    "Нодира",
    "Алишер",
    "Зарина",
    "Тимур",
    "Шахноза",
];
const RU_PLACES: &[&str] = &[
    "Москве",
    "Подольске",
    "Казани",
    "Екатеринбурге",
    "Новосибирске",
    "Краснодаре",
    "Астане",
    "Алматы",
    "Сургуте",
    "Твери",
];
const RU_JOBS: &[&str] = &[
    "на стройке",
    "на складе",
    "в теплице",
    "в кафе",
    "на автомойке",
    "на рынке",
    "на заводе",
    "в пекарне",
    "на овощебазе",
];
const RU_HARMLESS: &[&str] = &[
    "Я приехал работать в {place} в {month_ru}.",
    "Работаю {job}, мой друг {name} посоветовал это место.",
    "Начинаем в {h} утра, заканчиваем около {h2} вечера.",
    "Кормят просто, но еды хватает.",
    "Каждый месяц отправляю деньги маме.",
    "Договор на {n} месяцев, копия у меня на руках.",
    "По воскресеньям ходим на рынок и звоним домой.",
    "Бригадир {name} в первый день объяснил технику безопасности.",
    "Живём в комнате вчетвером, все из одного района.",
    "Автобус до объекта уходит в половине седьмого.",
    "Зарплата {money_ru} в месяц, приходит на карту.",
    "По вечерам учу язык.",
    "На объекте работает человек {n0}.",
    "На прошлой неделе всё время шёл дождь.",
    "Брат тоже хочет приехать в следующем году.",
    "Весной нам выдали новые перчатки и сапоги.",
    "Хочу накопить на дом в своём кишлаке.",
    "Работа тяжёлая, но платят как обещали.",
    "Паспорт храню у себя в сумке.",
    "Выходной один раз в неделю, переработки оплачивают отдельно.",
    "Зимой в общежитии тепло.",
    "Компания сделала мне регистрацию в первую неделю.",
];
const RU_FLAGS: &[&str] = &[
    "Когда мы приехали, бригадир забрал у всех паспорта и запер в сейфе.",
    "Нам не платят зарплату уже {n} месяца.",
    "Хозяин говорит, что я должен ему {money_ru} за билет и оформление.",
    "Выходить за ворота нельзя, на ночь нас запирают.",
    "Сказал, если будем жаловаться, вызовет полицию и нас депортируют.",
    "Работаем по {hh} часов без выходных.",
    "Охранник избил {name}, когда тот попросил деньги.",
    "Я заплатил посреднику {money_ru} за устройство на работу.",
    "Обещали работу в гостинице, а привезли в теплицу.",
    "Спим на полу в вагончике, воды нет.",
    "Меня продали другому хозяину за {money_ru}.",
    "Телефоны у нас отобрали, позвонить домой нельзя.",
    "Долг растёт каждый месяц, высчитывают за еду и койку.",
];
const RU_NEGATED: &[&str] = &[
    "Паспорт у меня никто не забирал.",
    "Нам никогда не угрожали.",
    "Никаких денег за оформление я не платил.",
    "Если работодатель забирает паспорт, звоните на горячую линию.",
    "Изъятие паспорта у работника незаконно.",
    "Вы забрали у него паспорт?",
];
const RU_ADVERT: &[&str] = &[
    "Требуются рабочие {job} в {place}.",
    "Зарплата от {money_ru} в месяц, выплаты два раза в месяц.",
    "Бесплатное проживание и питание.",
    "Опыт не нужен, обучение на месте.",
    "Официальное трудоустройство, патент оформляет работодатель.",
    "Смены по {hh} часов, переработки оплачиваются.",
    "Звоните или пишите в WhatsApp: +{phone}.",
    "Мужчины и женщины от 20 до 45 лет.",
];
const RU_ADVERT_FLAGS: &[&str] = &[
    "Паспорта хранятся у работодателя весь срок договора.",
    "Оплата за оформление {money_ru} до выезда.",
    "Патент не нужен, всё решим сами.",
];

/// Fills the `{...}` slots of a template.
fn fill(template: &str, rng: &mut Rng, out: &mut String) {
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let close = open + rest[open..].find('}').expect("closed slot");
        let slot = &rest[open + 1..close];
        match slot {
            "name" => out.push_str(if is_cyrillic(template) {
                rng.pick(RU_NAMES)
            } else {
                rng.pick(EN_NAMES)
            }),
            "place" if is_cyrillic(template) => out.push_str(rng.pick(RU_PLACES)),
            "place" => out.push_str(rng.pick(EN_PLACES)),
            "job" if is_cyrillic(template) => out.push_str(rng.pick(RU_JOBS)),
            "job" => out.push_str(rng.pick(EN_JOBS)),
            "month" => out.push_str(rng.pick(&["March", "May", "August", "October"])),
            "month_ru" => out.push_str(rng.pick(&["марте", "мае", "августе", "октябре"])),
            "n" => out.push_str(&(2 + rng.below(5)).to_string()),
            "n0" => out.push_str(&(20 + rng.below(300)).to_string()),
            "h" => out.push_str(&(6 + rng.below(3)).to_string()),
            "h2" => out.push_str(&(5 + rng.below(3)).to_string()),
            "hh" => out.push_str(&(12 + rng.below(6)).to_string()),
            "year" => out.push_str(&(2005 + rng.below(18)).to_string()),
            "money" => out.push_str(&format!("{} dollars", 300 + 50 * rng.below(40))),
            "money_ru" => out.push_str(&format!("{}000 рублей", 30 + rng.below(90))),
            "phone" => out.push_str(&format!("7 9{:09}", rng.next() % 1_000_000_000)),
            other => panic!("unknown slot {other}"),
        }
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
}

fn is_cyrillic(s: &str) -> bool {
    s.chars().any(|c| ('\u{0400}'..='\u{04FF}').contains(&c))
}

struct Pools {
    harmless: &'static [&'static str],
    flags: &'static [&'static str],
    negated: &'static [&'static str],
    advert: &'static [&'static str],
    advert_flags: &'static [&'static str],
}

const EN: Pools = Pools {
    harmless: EN_HARMLESS,
    flags: EN_FLAGS,
    negated: EN_NEGATED,
    advert: EN_ADVERT,
    advert_flags: EN_ADVERT_FLAGS,
};
const RU: Pools = Pools {
    harmless: RU_HARMLESS,
    flags: RU_FLAGS,
    negated: RU_NEGATED,
    advert: RU_ADVERT,
    advert_flags: RU_ADVERT_FLAGS,
};

/// Makes documents one after another from a seed.
pub struct Generator {
    rng: Rng,
    /// The project's own fixture texts, mixed in now and then.
    fixtures: Vec<String>,
}

impl Generator {
    /// `fixtures_dir`: the repository's `fixtures/` (its `*.txt` files are mixed in); a
    /// missing folder just leaves them out.
    pub fn new(seed: u64, fixtures_dir: &Path) -> Self {
        let mut fixtures = Vec::new();
        for lang in ["en", "ru"] {
            let Ok(entries) = std::fs::read_dir(fixtures_dir.join(lang)) else {
                continue;
            };
            let mut paths: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
            paths.sort();
            for p in paths {
                if p.extension().is_some_and(|e| e == "txt") {
                    if let Ok(text) = std::fs::read_to_string(&p) {
                        fixtures.push(text);
                    }
                }
            }
        }
        Generator {
            rng: Rng::new(seed),
            fixtures,
        }
    }

    /// The next document: an account (70 %), an advert (20 %), a fixture text (5 %) or an
    /// account mixing both languages (5 %).
    pub fn document(&mut self) -> String {
        let mut out = String::new();
        let roll = self.rng.below(100);
        let pools = if self.rng.chance(50) { &EN } else { &RU };
        if roll < 70 {
            self.account(pools, &mut out);
        } else if roll < 90 {
            self.advert(pools, &mut out);
        } else if roll < 95 && !self.fixtures.is_empty() {
            let i = self.rng.below(self.fixtures.len());
            out.push_str(&self.fixtures[i]);
        } else {
            self.account(&EN, &mut out);
            out.push_str("\n\n");
            self.account(&RU, &mut out);
        }
        out
    }

    /// 4-30 sentences in paragraphs: about 85 % harmless, 10 % red flags, 5 % negated,
    /// advice or questions.
    fn account(&mut self, pools: &Pools, out: &mut String) {
        let sentences = 4 + self.rng.below(27);
        for i in 0..sentences {
            let roll = self.rng.below(100);
            let pool = if roll < 85 {
                pools.harmless
            } else if roll < 95 {
                pools.flags
            } else {
                pools.negated
            };
            let template = self.rng.pick(pool);
            fill(template, &mut self.rng, out);
            out.push_str(if i + 1 == sentences {
                "\n"
            } else if self.rng.chance(15) {
                "\n\n"
            } else {
                " "
            });
        }
    }

    /// A headline and 4-9 bullet lines, now and then one that raises a flag.
    fn advert(&mut self, pools: &Pools, out: &mut String) {
        let lines = 4 + self.rng.below(6);
        for i in 0..lines {
            let template = if i > 0 && self.rng.chance(12) {
                self.rng.pick(pools.advert_flags)
            } else {
                self.rng.pick(pools.advert)
            };
            if i > 0 {
                out.push_str("- ");
            }
            fill(template, &mut self.rng, out);
            out.push('\n');
        }
    }
}

/// Documents of about `bytes` in total (the last one may overshoot).
pub fn documents(seed: u64, fixtures_dir: &Path, bytes: usize) -> Vec<String> {
    let mut generator = Generator::new(seed, fixtures_dir);
    let mut docs = Vec::new();
    let mut total = 0;
    while total < bytes {
        let doc = generator.document();
        total += doc.len();
        docs.push(doc);
    }
    docs
}
