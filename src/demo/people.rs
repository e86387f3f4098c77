//! The demo's people and their contact details: names, company names, e-mail addresses on
//! `.example` domains (RFC 2606), telephone numbers from Ofcom's drama ranges, addresses, and
//! the notes and tags a sales team would keep. Nothing here belongs to a real person.

use super::catalogue::{City, CATERERS, CITIES, HOME_COOKS, HOTELS, MOBILE, RESTAURANTS, RETAIL};
use super::rng::Rng;
use super::textset::TextSet;
use rustc_hash::FxHashMap;

const FIRST: [&str; 80] = [
    "Oliver", "Amelia", "Harry", "Isla", "Jack", "Ava", "George", "Mia", "Noah", "Grace", "Leo",
    "Freya", "Arthur", "Lily", "Oscar", "Emily", "Muhammad", "Sophia", "Charlie", "Ella", "Jacob",
    "Chloe", "Thomas", "Poppy", "Henry", "Ruby", "William", "Evie", "James", "Sienna", "Aarav",
    "Priya", "Rohan", "Ananya", "Wei", "Mei", "Chen", "Yusuf", "Fatima", "Omar", "Amira", "Kwame",
    "Ama", "Chidi", "Ngozi", "Tomasz", "Zofia", "Mateusz", "Giulia", "Marco", "Lucia", "Pablo",
    "Carmen", "Sean", "Niamh", "Aoife", "Ewan", "Kirsty", "Fraser", "Morag", "Rhys", "Cerys",
    "Dylan", "Megan", "Kofi", "Leila", "Hamza", "Sana", "Hugo", "Clara", "Felix", "Ines", "Rosa",
    "Dev", "Kiran", "Hannah", "Daniel", "Laura", "Samuel", "Zara",
];

const LAST: [&str; 80] = [
    "Smith",
    "Jones",
    "Taylor",
    "Brown",
    "Williams",
    "Wilson",
    "Johnson",
    "Davies",
    "Patel",
    "Robinson",
    "Wright",
    "Thompson",
    "Evans",
    "Walker",
    "White",
    "Roberts",
    "Green",
    "Hall",
    "Wood",
    "Jackson",
    "Clarke",
    "Khan",
    "Ahmed",
    "Singh",
    "Shah",
    "Begum",
    "Ali",
    "Hussain",
    "Nowak",
    "Kowalski",
    "Rossi",
    "Bianchi",
    "Garcia",
    "Martinez",
    "Fernandes",
    "Murphy",
    "O'Brien",
    "Kelly",
    "MacDonald",
    "Campbell",
    "Stewart",
    "Fraser",
    "Reid",
    "Hughes",
    "Morgan",
    "Price",
    "Lewis",
    "Owen",
    "Okafor",
    "Mensah",
    "Adeyemi",
    "Boateng",
    "Chen",
    "Wong",
    "Li",
    "Nguyen",
    "Kim",
    "Cohen",
    "Levy",
    "Schmidt",
    "Moreau",
    "Dubois",
    "Silva",
    "Costa",
    "Baker",
    "Cooper",
    "Turner",
    "Parker",
    "Harris",
    "Martin",
    "Lee",
    "Young",
    "King",
    "Scott",
    "Ward",
    "Bell",
    "Fox",
    "Marsh",
    "Holt",
    "Carter",
];

const ADJECTIVES: [&str; 15] = [
    "Golden", "Crooked", "Little", "Green", "Copper", "Salt", "Wild", "Olive", "Old", "Hidden",
    "Silver", "Red", "Blue", "Bright", "Quiet",
];

const NOUNS: [&str; 18] = [
    "Spoon", "Fig", "Lantern", "Anchor", "Orchard", "Table", "Kettle", "Hearth", "Pantry",
    "Larder", "Sparrow", "Harbour", "Thistle", "Acorn", "Oak", "Heron", "Willow", "Quince",
];

const STREETS: [&str; 20] = [
    "High Street",
    "Mill Lane",
    "Church Road",
    "Station Road",
    "Victoria Street",
    "Market Street",
    "Park Road",
    "Queen Street",
    "King's Road",
    "Albert Road",
    "Chapel Street",
    "Canal Street",
    "Bridge Street",
    "Castle Street",
    "Orchard Way",
    "Wharf Road",
    "Union Street",
    "Garden Lane",
    "Green Lane",
    "Foundry Yard",
];

const MAIL_PROVIDERS: [&str; 4] = ["mail", "post", "inbox", "letterbox"];

/// A person's first and last name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Person {
    /// First name.
    pub first: &'static str,
    /// Last name.
    pub last: &'static str,
}

/// Text the demo writes out piece by piece (rather than through `core::fmt`, which costs
/// more than the pieces on a hundred thousand customers).
pub(crate) trait Text {
    /// Appends the text to `out`.
    fn push_to(&self, out: &mut String);

    /// The text.
    fn text(&self) -> String {
        let mut out = String::new();
        self.push_to(&mut out);
        out
    }
}

/// Appends the decimal digits of `n` (as `Display` writes them).
#[inline]
fn push_int(out: &mut String, n: impl itoa::Integer) {
    out.push_str(itoa::Buffer::new().format(n));
}

/// Appends the pieces, one after the other.
#[inline]
fn push_all(out: &mut String, pieces: &[&str]) {
    for p in pieces {
        out.push_str(p);
    }
}

impl Text for Person {
    /// "First Last".
    fn push_to(&self, out: &mut String) {
        push_all(out, &[self.first, " ", self.last]);
    }
}

/// A random person.
pub(crate) fn person(rng: &mut Rng) -> Person {
    Person {
        first: rng.pick(&FIRST),
        last: rng.pick(&LAST),
    }
}

/// Lower-case ASCII letters and digits of `text`, words joined by `sep`, appended to `out`.
/// Words are split at whitespace, '&' and '-'; a word without letters or digits is left out.
fn slug_into(text: &str, sep: &str, out: &mut String) {
    if !text.is_ascii() {
        return slug_chars(text, sep, out);
    }
    // ASCII text: the same, byte by byte (ASCII whitespace is all the whitespace there is).
    let mut wrote = false;
    let mut in_word = false;
    for b in text.bytes() {
        if b.is_ascii_whitespace() || b == b'\x0b' || b == b'&' || b == b'-' {
            in_word = false;
        } else if b.is_ascii_alphanumeric() {
            if !in_word && wrote {
                out.push_str(sep);
            }
            in_word = true;
            wrote = true;
            out.push(char::from(b.to_ascii_lowercase()));
        }
    }
}

/// [`slug_into`] for any text.
fn slug_chars(text: &str, sep: &str, out: &mut String) {
    let mut wrote = false;
    for word in text.split(|c: char| c.is_whitespace() || c == '&' || c == '-') {
        let mark = out.len();
        if wrote {
            out.push_str(sep);
        }
        let letters = out.len();
        out.extend(
            word.chars()
                .filter(char::is_ascii_alphanumeric)
                .map(|c| c.to_ascii_lowercase()),
        );
        if out.len() == letters {
            out.truncate(mark);
        } else {
            wrote = true;
        }
    }
}

/// Lower-case ASCII letters and digits of `text`, words joined by `sep`.
#[cfg(test)]
fn slug(text: &str, sep: &str) -> String {
    let mut out = String::new();
    slug_into(text, sep, &mut out);
    out
}

/// The city's record (London when the index is out of range).
pub(crate) fn city(index: usize) -> &'static City {
    &CITIES[index.min(CITIES.len() - 1)]
}

/// A set of distinct names (company names, e-mail addresses) held in one buffer, handing out
/// each name's index, and remembering for each taken name (and city) the first numbered
/// variant not yet tried, so that the thousandth "The London Deli" does not try the 999
/// numbers taken before it one by one. Since names are only ever added, every variant below
/// the remembered number is taken, and starting there finds the same first free variant.
///
/// Names are found by a 64-bit hash confirmed against the stored text ([`TextSet`]), with one
/// look-up per try.
#[derive(Debug, Default)]
pub(crate) struct Names {
    set: TextSet,
    next: FxHashMap<(u32, u32), u32>,
    base: String,
    candidate: String,
    first: String,
    last: String,
}

impl Names {
    /// An empty set with room for about `n` names.
    pub fn with_capacity(n: usize) -> Names {
        Names {
            set: TextSet::with_capacity(n, n * 24),
            ..Names::default()
        }
    }

    /// Name `index`.
    #[inline]
    pub fn get(&self, index: u32) -> &str {
        self.set.get(index)
    }

    fn insert(&mut self, s: &str) -> Result<u32, u32> {
        self.set.insert(s)
    }

    /// Takes the name in `self.base` if it is free, else the first free variant
    /// `variant(base, n)` for n = 2, 3, …; returns its index. `key` tells apart variant
    /// families of the same base text.
    fn take(&mut self, key: u32, variant: impl Fn(&str, u32, &mut String)) -> u32 {
        let base_text = std::mem::take(&mut self.base);
        let taken = self.insert(&base_text);
        let index = match taken {
            Ok(i) => i,
            Err(base) => {
                let mut candidate = std::mem::take(&mut self.candidate);
                let mut n = self.next.get(&(base, key)).copied().unwrap_or(2);
                let index = loop {
                    candidate.clear();
                    variant(&base_text, n, &mut candidate);
                    n += 1;
                    if let Ok(i) = self.insert(&candidate) {
                        break i;
                    }
                };
                self.next.insert((base, key), n);
                self.candidate = candidate;
                index
            }
        };
        self.base = base_text;
        index
    }
}

/// A company name that fits the segment, unique among `used`; returns its index in `used`.
pub(crate) fn company(
    rng: &mut Rng,
    segment: usize,
    owner: Person,
    city_index: usize,
    used: &mut Names,
) -> u32 {
    let c = city(city_index);
    let adj = rng.pick(&ADJECTIVES);
    let noun = rng.pick(&NOUNS);
    let other = rng.pick(&NOUNS);
    let partner = rng.pick(&FIRST);
    let (last, first, city_name) = (owner.last, owner.first, c.name);
    let name = &mut used.base;
    name.clear();
    match segment {
        RESTAURANTS => match rng.below(7) {
            0 => push_all(name, &[last, "'s Bistro"]),
            1 => push_all(name, &["Trattoria ", last]),
            2 => push_all(name, &["The ", adj, " ", noun]),
            3 => push_all(name, &[noun, " & ", other]),
            4 => push_all(name, &["Cafe ", first]),
            5 => push_all(name, &[last, " Kitchen"]),
            _ => push_all(name, &[city_name, " Noodle Bar"]),
        },
        HOTELS => match rng.below(5) {
            0 => push_all(name, &["The ", last, " Hotel"]),
            1 => push_all(name, &[city_name, " ", noun, " Hotel"]),
            2 => push_all(name, &["The ", adj, " ", noun, " Inn"]),
            3 => push_all(name, &["Hotel ", last]),
            _ => push_all(name, &["The ", noun, " House"]),
        },
        CATERERS => match rng.below(5) {
            0 => push_all(name, &[last, " Catering"]),
            1 => push_all(name, &[adj, " Plate Events"]),
            2 => push_all(name, &[first, " & ", partner, " Catering"]),
            3 => push_all(name, &[noun, " Feasts"]),
            _ => push_all(name, &[city_name, " Event Kitchens"]),
        },
        RETAIL => match rng.below(6) {
            0 => push_all(name, &[last, " Fine Foods"]),
            1 => push_all(name, &["The ", city_name, " Deli"]),
            2 => push_all(name, &[noun, " Cookshop"]),
            3 => push_all(name, &[last, " & Sons Grocers"]),
            4 => push_all(name, &[adj, " ", noun, " Delicatessen"]),
            _ => push_all(name, &[last, "'s Larder"]),
        },
        _ => push_all(name, &[last, " Household"]),
    }
    if rng.chance(0.3) {
        name.push_str(" Ltd");
    }
    used.take(city_index as u32, |name, n, out| {
        push_all(out, &[name, " (", city_name, " "]);
        push_int(out, n);
        out.push(')');
    })
}

/// An e-mail address on an `.example` domain, unique among `used`: at the company's domain for
/// business customers, at a mail provider for consumers. Returns its index in `used`.
pub(crate) fn email(rng: &mut Rng, who: Person, company: Option<&str>, used: &mut Names) -> u32 {
    let Names {
        base: address,
        first,
        last,
        ..
    } = used;
    address.clear();
    first.clear();
    last.clear();
    slug_into(who.first, "", first);
    slug_into(who.last, "", last);
    match company {
        Some(c) => {
            // c.trim_start_matches("The ").trim_end_matches(" Ltd"), up to the first " (".
            let mut trimmed = c;
            while let Some(rest) = trimmed.strip_prefix("The ") {
                trimmed = rest;
            }
            while let Some(rest) = trimmed.strip_suffix(" Ltd") {
                trimmed = rest;
            }
            let base = match trimmed.as_bytes().windows(2).position(|w| w == b" (") {
                Some(at) => &trimmed[..at],
                None => trimmed,
            };
            if rng.chance(0.25) {
                address.push_str("orders");
            } else {
                push_all(address, &[first, ".", last]);
            }
            address.push('@');
            slug_into(base, "-", address);
        }
        None => {
            match rng.below(4) {
                0 => push_all(address, &[first, ".", last]),
                1 => {
                    push_all(address, &[first, last]);
                    push_int(address, rng.int(1, 99));
                }
                2 => {
                    address.push(first.chars().next().unwrap_or('x'));
                    push_all(address, &[".", last]);
                }
                _ => push_all(address, &[first, "_", last]),
            }
            address.push('@');
            address.push_str(rng.pick(&MAIL_PROVIDERS));
        }
    }
    address.push_str(".example");
    // `local@domain.example`: neither part holds an '@', so the base text fixes both.
    used.take(0, |address, n, out| {
        let (local, rest) = address.split_once('@').unwrap_or((address, ""));
        out.push_str(local);
        push_int(out, n);
        push_all(out, &["@", rest]);
    })
}

/// A telephone number: a prefix and three digits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Phone {
    prefix: &'static str,
    /// Which prefix: a city's index, or `CITIES.len()` for the mobile range.
    line: u8,
    digits: u16,
}

impl Phone {
    /// A small number that tells the number apart (the same key, the same text).
    #[inline]
    pub fn key(&self) -> usize {
        usize::from(self.line) * 1000 + usize::from(self.digits.min(999))
    }
}

impl Text for Phone {
    /// The prefix and the three digits.
    fn push_to(&self, out: &mut String) {
        out.push_str(self.prefix);
        let d = self.digits.min(999);
        for digit in [d / 100, d / 10 % 10, d % 10] {
            out.push(char::from(b'0' + digit as u8));
        }
    }
}

/// A telephone number: a landline in the customer's city, or (for most consumers) a mobile.
pub(crate) fn phone(rng: &mut Rng, city_index: usize, business: bool) -> Phone {
    let digits = rng.below(1000) as u16;
    let (prefix, line) = if !business && rng.chance(0.7) {
        (MOBILE, CITIES.len())
    } else {
        (city(city_index).landline, city_index.min(CITIES.len() - 1))
    };
    Phone {
        prefix,
        line: line as u8,
        digits,
    }
}

/// A postal address.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Address {
    /// A unit on a business park.
    Unit {
        unit: i32,
        park: &'static str,
        city: &'static str,
        district: &'static str,
    },
    /// A flat.
    Flat {
        flat: i32,
        number: i32,
        street: &'static str,
        city: &'static str,
        district: &'static str,
    },
    /// A house on a street.
    Street {
        number: i32,
        street: &'static str,
        city: &'static str,
        district: &'static str,
    },
}

impl Text for Address {
    fn push_to(&self, out: &mut String) {
        match *self {
            // "Unit {unit}, {park} Business Park, {city} {district}"
            Address::Unit {
                unit,
                park,
                city,
                district,
            } => {
                out.push_str("Unit ");
                push_int(out, unit);
                push_all(out, &[", ", park, " Business Park, ", city, " ", district]);
            }
            // "Flat {flat}, {number} {street}, {city} {district}"
            Address::Flat {
                flat,
                number,
                street,
                city,
                district,
            } => {
                out.push_str("Flat ");
                push_int(out, flat);
                out.push_str(", ");
                push_int(out, number);
                push_all(out, &[" ", street, ", ", city, " ", district]);
            }
            // "{number} {street}, {city} {district}"
            Address::Street {
                number,
                street,
                city,
                district,
            } => {
                push_int(out, number);
                push_all(out, &[" ", street, ", ", city, " ", district]);
            }
        }
    }
}

/// A postal address in the customer's city.
pub(crate) fn address(rng: &mut Rng, city_index: usize, segment: usize) -> Address {
    let c = city(city_index);
    let district = rng.pick(c.districts);
    let number = rng.int(1, 240);
    if segment == CATERERS && rng.chance(0.5) {
        let unit = rng.int(1, 40);
        Address::Unit {
            unit,
            park: rng.pick(&NOUNS),
            city: c.name,
            district,
        }
    } else if segment == HOME_COOKS && rng.chance(0.3) {
        let flat = rng.int(1, 30);
        Address::Flat {
            flat,
            number,
            street: rng.pick(&STREETS),
            city: c.name,
            district,
        }
    } else {
        Address::Street {
            number,
            street: rng.pick(&STREETS),
            city: c.name,
            district,
        }
    }
}

/// What the sales team knows about a customer, for notes and tags.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Traits {
    /// Index into `SEGMENTS`.
    pub segment: usize,
    /// Complains and asks a lot.
    pub demanding: bool,
    /// Compares prices every order.
    pub price_sensitive: bool,
    /// Among the top accounts by revenue.
    pub key_account: bool,
    /// Joined the club.
    pub club_member: bool,
    /// Holds the loyalty card.
    pub loyalty_card: bool,
}

/// Free notes: one or two sentences, joined by a space.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Notes(pub &'static str, pub Option<&'static str>);

impl Text for Notes {
    fn push_to(&self, out: &mut String) {
        out.push_str(self.0);
        if let Some(more) = self.1 {
            push_all(out, &[" ", more]);
        }
    }
}

/// Up to eight tags.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Tags {
    items: [&'static str; 8],
    len: u8,
}

impl Tags {
    fn push(&mut self, tag: &'static str) {
        if let Some(slot) = self.items.get_mut(usize::from(self.len)) {
            *slot = tag;
            self.len += 1;
        }
    }

    /// The tags, in order.
    pub fn as_slice(&self) -> &[&'static str] {
        &self.items[..usize::from(self.len)]
    }
}

/// Free notes (one or two sentences) and tags.
pub(crate) fn notes_and_tags(rng: &mut Rng, t: Traits) -> (Notes, Tags) {
    let segment_notes: &[&str] = match t.segment {
        RESTAURANTS => &[
            "Prefers deliveries before 9 am.",
            "Orders by phone on Mondays for the whole week.",
            "Menu changes every season; send the new-season list early.",
            "Head chef decides; the owner approves invoices over 1,000.",
            "Runs a tasting menu; buys the best olive oil and cheese we have.",
        ],
        HOTELS => &[
            "Central purchasing for the breakfast buffet and two restaurants.",
            "Deliveries to the goods entrance at the back; book a slot.",
            "Conference season drives big orders in June.",
            "Replaces kitchen equipment every spring.",
        ],
        CATERERS => &[
            "Wedding season is their peak; plan stock with them in April.",
            "Orders at short notice for events; values same-day delivery.",
            "Needs allergen sheets with every delivery.",
            "Does corporate lunches on weekdays, weddings at weekends.",
        ],
        RETAIL => &[
            "Resells our fine foods; asks for shelf-ready packaging.",
            "Christmas hampers are half their year; pre-order in September.",
            "Pays on 60-day terms.",
            "Wants exclusivity on two of our oils in their street.",
        ],
        _ => &[
            "Keen baker; buys flour and chocolate in bulk before Christmas.",
            "Took our knife-skills class.",
            "Buys gifts for family; likes gift wrapping.",
            "Prefers parcel-locker delivery.",
            "Cooks for a large family at weekends.",
            "Follows our recipe newsletter.",
        ],
    };
    let mut notes = Notes(rng.pick(segment_notes), None);
    if t.demanding {
        notes.1 = Some(rng.pick(&[
            "Very demanding about delivery windows; escalates quickly.",
            "Calls often with questions about origins and allergens.",
            "Disputes invoices regularly; check them before sending.",
        ]));
    } else if t.price_sensitive {
        notes.1 = Some(rng.pick(&[
            "Price-sensitive: compares our list with the cash-and-carry every order.",
            "Waits for promotions before big orders.",
        ]));
    } else if t.key_account {
        notes.1 = Some("Key account: agree the quarterly plan with the owner.");
    }
    let segment_tags: &[&str] = match t.segment {
        RESTAURANTS => &[
            "fine dining",
            "vegetarian menu",
            "organic",
            "bistro",
            "pizzeria",
        ],
        HOTELS => &["breakfast buffet", "conference venue", "boutique", "spa"],
        CATERERS => &["weddings", "corporate", "seasonal", "allergen-sensitive"],
        RETAIL => &["hampers", "delicatessen", "cookware", "farm shop"],
        _ => &["baker", "gift buyer", "newsletter", "vegan", "keen cook"],
    };
    let mut tags = Tags {
        items: [""; 8],
        len: 0,
    };
    tags.push(rng.pick(segment_tags));
    if rng.chance(0.3) {
        let extra = rng.pick(segment_tags);
        if !tags.as_slice().contains(&extra) {
            tags.push(extra);
        }
    }
    for (flag, tag) in [
        (t.demanding, "demanding"),
        (t.price_sensitive, "price-sensitive"),
        (t.key_account, "key account"),
        (t.club_member, "club member"),
        (t.loyalty_card, "loyalty card"),
    ] {
        if flag {
            tags.push(tag);
        }
    }
    if t.segment != HOME_COOKS && rng.chance(0.05) {
        tags.push("late payer");
    }
    (notes, tags)
}

#[cfg(test)]
mod tests {
    use super::super::rng::Purpose;
    use super::*;

    #[test]
    fn the_ascii_slug_is_the_general_one() {
        let texts = [
            "O'Brien",
            "Fig & Oak Kitchen",
            "  a--b  &&c ",
            "",
            "-",
            "Zoë's Café",
            "a\tb\nc",
            "x\u{b}y\u{c}z",
            "Thé Ltd",
            "The Golden Spoon (London 2)",
            "a\u{a0}b",
            "\u{2003}q",
            "K\u{212a}",
            "1-2 3",
        ];
        for t in texts {
            for sep in ["", "-"] {
                let (mut a, mut b) = (String::new(), String::new());
                slug_into(t, sep, &mut a);
                slug_chars(t, sep, &mut b);
                assert_eq!(a, b, "{t:?}");
            }
        }
    }

    #[test]
    fn slugs_keep_only_ascii_letters_and_digits() {
        assert_eq!(slug("O'Brien", ""), "obrien");
        assert_eq!(slug("Fig & Oak Kitchen", "-"), "fig-oak-kitchen");
    }

    #[test]
    fn emails_are_unique_and_on_example_domains() {
        let mut rng = Rng::stream(1, Purpose::Record, 0);
        let mut used = Names::default();
        let who = Person {
            first: "Ama",
            last: "O'Brien",
        };
        let a = email(&mut rng, who, Some("The Copper Kettle Ltd"), &mut used);
        let b = email(&mut rng, who, Some("The Copper Kettle Ltd"), &mut used);
        assert_ne!(a, b);
        let (a, b) = (used.get(a), used.get(b));
        assert!(a.ends_with("@copper-kettle.example"), "{a}");
        assert!(b.ends_with("@copper-kettle.example"), "{b}");
        let c = email(&mut rng, who, None, &mut used);
        let c = used.get(c);
        assert!(c.ends_with(".example") && c.contains("obrien"), "{c}");
    }

    #[test]
    fn phones_use_the_drama_ranges() {
        let mut rng = Rng::stream(2, Purpose::Record, 0);
        for i in 0..50 {
            let p = phone(&mut rng, i % 8, i % 2 == 0).text();
            assert!(
                p.starts_with("07700 900") || CITIES.iter().any(|c| p.starts_with(c.landline)),
                "{p}"
            );
            assert_eq!(p.chars().filter(char::is_ascii_digit).count(), 11, "{p}");
        }
    }
}
