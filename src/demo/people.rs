//! The demo's people and their contact details: names, company names, e-mail addresses on
//! `.example` domains (RFC 2606), telephone numbers from Ofcom's drama ranges, addresses, and
//! the notes and tags a sales team would keep. Nothing here belongs to a real person.

use super::catalogue::{City, CATERERS, CITIES, HOME_COOKS, HOTELS, MOBILE, RESTAURANTS, RETAIL};
use super::rng::Rng;
use std::collections::HashSet;

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

impl Person {
    /// "First Last".
    pub fn full(&self) -> String {
        format!("{} {}", self.first, self.last)
    }
}

/// A random person.
pub(crate) fn person(rng: &mut Rng) -> Person {
    Person {
        first: rng.pick(&FIRST),
        last: rng.pick(&LAST),
    }
}

/// Lower-case ASCII letters and digits of `text`, words joined by `sep`.
fn slug(text: &str, sep: &str) -> String {
    text.split(|c: char| c.is_whitespace() || c == '&' || c == '-')
        .map(|w| {
            w.chars()
                .filter(char::is_ascii_alphanumeric)
                .collect::<String>()
                .to_ascii_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(sep)
}

/// The city's record (London when the index is out of range).
pub(crate) fn city(index: usize) -> &'static City {
    &CITIES[index.min(CITIES.len() - 1)]
}

/// A company name that fits the segment, unique among `used`.
pub(crate) fn company(
    rng: &mut Rng,
    segment: usize,
    owner: Person,
    city_index: usize,
    used: &mut HashSet<String>,
) -> String {
    let c = city(city_index);
    let adj = rng.pick(&ADJECTIVES);
    let noun = rng.pick(&NOUNS);
    let other = rng.pick(&NOUNS);
    let partner = rng.pick(&FIRST);
    let (last, first, city_name) = (owner.last, owner.first, c.name);
    let name = match segment {
        RESTAURANTS => match rng.below(7) {
            0 => format!("{last}'s Bistro"),
            1 => format!("Trattoria {last}"),
            2 => format!("The {adj} {noun}"),
            3 => format!("{noun} & {other}"),
            4 => format!("Cafe {first}"),
            5 => format!("{last} Kitchen"),
            _ => format!("{city_name} Noodle Bar"),
        },
        HOTELS => match rng.below(5) {
            0 => format!("The {last} Hotel"),
            1 => format!("{city_name} {noun} Hotel"),
            2 => format!("The {adj} {noun} Inn"),
            3 => format!("Hotel {last}"),
            _ => format!("The {noun} House"),
        },
        CATERERS => match rng.below(5) {
            0 => format!("{last} Catering"),
            1 => format!("{adj} Plate Events"),
            2 => format!("{first} & {partner} Catering"),
            3 => format!("{noun} Feasts"),
            _ => format!("{city_name} Event Kitchens"),
        },
        RETAIL => match rng.below(6) {
            0 => format!("{last} Fine Foods"),
            1 => format!("The {city_name} Deli"),
            2 => format!("{noun} Cookshop"),
            3 => format!("{last} & Sons Grocers"),
            4 => format!("{adj} {noun} Delicatessen"),
            _ => format!("{last}'s Larder"),
        },
        _ => format!("{last} Household"),
    };
    let name = if rng.chance(0.3) {
        format!("{name} Ltd")
    } else {
        name
    };
    let mut unique = name.clone();
    let mut n = 2;
    while used.contains(&unique) {
        unique = format!("{name} ({city_name} {n})");
        n += 1;
    }
    used.insert(unique.clone());
    unique
}

/// An e-mail address on an `.example` domain, unique among `used`: at the company's domain for
/// business customers, at a mail provider for consumers.
pub(crate) fn email(
    rng: &mut Rng,
    who: Person,
    company: Option<&str>,
    used: &mut HashSet<String>,
) -> String {
    let first = slug(who.first, "");
    let last = slug(who.last, "");
    let (local, domain) = match company {
        Some(c) => {
            let trimmed = c.trim_start_matches("The ").trim_end_matches(" Ltd");
            let base = trimmed.split(" (").next().unwrap_or(trimmed);
            let local = if rng.chance(0.25) {
                "orders".to_string()
            } else {
                format!("{first}.{last}")
            };
            (local, slug(base, "-"))
        }
        None => {
            let local = match rng.below(4) {
                0 => format!("{first}.{last}"),
                1 => format!("{first}{last}{}", rng.int(1, 99)),
                2 => format!("{}.{last}", first.chars().next().unwrap_or('x')),
                _ => format!("{first}_{last}"),
            };
            (local, rng.pick(&MAIL_PROVIDERS).to_string())
        }
    };
    let mut address = format!("{local}@{domain}.example");
    let mut n = 2;
    while used.contains(&address) {
        address = format!("{local}{n}@{domain}.example");
        n += 1;
    }
    used.insert(address.clone());
    address
}

/// A telephone number: a landline in the customer's city, or (for most consumers) a mobile.
pub(crate) fn phone(rng: &mut Rng, city_index: usize, business: bool) -> String {
    let digits = rng.below(1000);
    if !business && rng.chance(0.7) {
        format!("{MOBILE}{digits:03}")
    } else {
        format!("{}{digits:03}", city(city_index).landline)
    }
}

/// A postal address in the customer's city.
pub(crate) fn address(rng: &mut Rng, city_index: usize, segment: usize) -> String {
    let c = city(city_index);
    let district = rng.pick(c.districts);
    let number = rng.int(1, 240);
    if segment == CATERERS && rng.chance(0.5) {
        format!(
            "Unit {}, {} Business Park, {} {}",
            rng.int(1, 40),
            rng.pick(&NOUNS),
            c.name,
            district
        )
    } else if segment == HOME_COOKS && rng.chance(0.3) {
        format!(
            "Flat {}, {} {}, {} {}",
            rng.int(1, 30),
            number,
            rng.pick(&STREETS),
            c.name,
            district
        )
    } else {
        format!("{number} {}, {} {}", rng.pick(&STREETS), c.name, district)
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

/// Free notes (one or two sentences) and tags.
pub(crate) fn notes_and_tags(rng: &mut Rng, t: Traits) -> (String, Vec<String>) {
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
    let mut notes = vec![rng.pick(segment_notes)];
    if t.demanding {
        notes.push(rng.pick(&[
            "Very demanding about delivery windows; escalates quickly.",
            "Calls often with questions about origins and allergens.",
            "Disputes invoices regularly; check them before sending.",
        ]));
    } else if t.price_sensitive {
        notes.push(rng.pick(&[
            "Price-sensitive: compares our list with the cash-and-carry every order.",
            "Waits for promotions before big orders.",
        ]));
    } else if t.key_account {
        notes.push("Key account: agree the quarterly plan with the owner.");
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
    let mut tags = vec![rng.pick(segment_tags).to_string()];
    if rng.chance(0.3) {
        let extra = rng.pick(segment_tags).to_string();
        if !tags.contains(&extra) {
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
            tags.push(tag.to_string());
        }
    }
    if t.segment != HOME_COOKS && rng.chance(0.05) {
        tags.push("late payer".to_string());
    }
    (notes.join(" "), tags)
}

#[cfg(test)]
mod tests {
    use super::super::rng::Purpose;
    use super::*;

    #[test]
    fn slugs_keep_only_ascii_letters_and_digits() {
        assert_eq!(slug("O'Brien", ""), "obrien");
        assert_eq!(slug("Fig & Oak Kitchen", "-"), "fig-oak-kitchen");
    }

    #[test]
    fn emails_are_unique_and_on_example_domains() {
        let mut rng = Rng::stream(1, Purpose::Record, 0);
        let mut used = HashSet::new();
        let who = Person {
            first: "Ama",
            last: "O'Brien",
        };
        let a = email(&mut rng, who, Some("The Copper Kettle Ltd"), &mut used);
        let b = email(&mut rng, who, Some("The Copper Kettle Ltd"), &mut used);
        assert_ne!(a, b);
        assert!(a.ends_with("@copper-kettle.example"), "{a}");
        let c = email(&mut rng, who, None, &mut used);
        assert!(c.ends_with(".example") && c.contains("obrien"), "{c}");
    }

    #[test]
    fn phones_use_the_drama_ranges() {
        let mut rng = Rng::stream(2, Purpose::Record, 0);
        for i in 0..50 {
            let p = phone(&mut rng, i % 8, i % 2 == 0);
            assert!(
                p.starts_with("07700 900") || CITIES.iter().any(|c| p.starts_with(c.landline)),
                "{p}"
            );
            assert_eq!(p.chars().filter(char::is_ascii_digit).count(), 11, "{p}");
        }
    }
}
