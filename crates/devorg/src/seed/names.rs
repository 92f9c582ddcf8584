//! Made-up but believable raw material for seed data: people's names,
//! company name parts, cities, titles, subjects.
//!
//! Deliberately absent: every name the demo pages mark "not in the CRM"
//! (Priya Raman, Tom Becker, Grace Liu, Omar Haddad, Umbrella Analytics) and
//! the first names of the demo people who *are* in it, so a generated person
//! can never be mistaken for (or duplicate) one of them.

pub const FIRST_NAMES: &[&str] = &[
    "Aaron", "Abigail", "Adrian", "Aisha", "Alex", "Alicia", "Amara", "Andre", "Anika", "Ben", "Bianca", "Blake", "Camila", "Carlos", "Chloe", "Daniel",
    "Daria", "Elena", "Eli", "Emma", "Ethan", "Fatima", "Felix", "Hana", "Harper", "Hugo", "Ingrid", "Isaac", "Jada", "James", "Julia", "Kai", "Kenji",
    "Laura", "Lena", "Lucas", "Malik", "Marco", "Mei", "Mia", "Nadia", "Nathan", "Nina", "Noah", "Olivia", "Oscar", "Paula", "Rafael", "Rachel", "Ravi",
    "Rosa", "Ryan", "Samuel", "Sara", "Simone", "Tariq", "Tessa", "Victor", "Wei", "Yara", "Yusuf", "Zoe",
];

pub const LAST_NAMES: &[&str] = &[
    "Abbott",
    "Adeyemi",
    "Andersen",
    "Baker",
    "Bauer",
    "Brooks",
    "Castillo",
    "Costa",
    "Dalton",
    "Diaz",
    "Dubois",
    "Ellison",
    "Evans",
    "Ferreira",
    "Fischer",
    "Foster",
    "Garcia",
    "Gupta",
    "Hall",
    "Hansen",
    "Hayes",
    "Hughes",
    "Ito",
    "Jensen",
    "Kim",
    "Kowalski",
    "Larsen",
    "Lopez",
    "Mensah",
    "Meyer",
    "Moreau",
    "Murphy",
    "Nakamura",
    "Nguyen",
    "Novak",
    "Oliveira",
    "Ortiz",
    "Patterson",
    "Quinn",
    "Reyes",
    "Rossi",
    "Sato",
    "Schmidt",
    "Shah",
    "Silva",
    "Sullivan",
    "Tanaka",
    "Torres",
    "Vargas",
    "Walsh",
    "Wagner",
    "Yamamoto",
    "Young",
    "Zhang",
];

/// First words of company names; combined with `COMPANY_NOUNS`.
pub const COMPANY_STEMS: &[&str] = &[
    "Alder",
    "Bluefin",
    "Brightwater",
    "Cascade",
    "Cedar",
    "Cobalt",
    "Copperline",
    "Crescent",
    "Driftwood",
    "Evergreen",
    "Fairview",
    "Foxglove",
    "Granite",
    "Harbor",
    "Highland",
    "Ironbridge",
    "Juniper",
    "Keystone",
    "Lakeshore",
    "Lumen",
    "Maple",
    "Meridian",
    "Northstar",
    "Oakridge",
    "Pinecrest",
    "Quarry",
    "Redwood",
    "Riverbend",
    "Saltmarsh",
    "Silverline",
    "Stonegate",
    "Summit",
    "Tidewater",
    "Trailhead",
    "Vantage",
    "Willow",
    "Wrenfield",
    "Zephyr",
];

/// (second word, industry picklist value, top-level domain)
pub const COMPANY_NOUNS: &[(&str, &str, &str)] = &[
    ("Logistics", "Transportation", "com"),
    ("Health", "Healthcare", "com"),
    ("Software", "Technology", "io"),
    ("Labs", "Biotechnology", "com"),
    ("Foods", "Food & Beverage", "com"),
    ("Energy", "Energy", "com"),
    ("Capital", "Finance", "com"),
    ("Systems", "Electronics", "com"),
    ("Manufacturing", "Manufacturing", "com"),
    ("Media", "Media", "com"),
    ("Retail", "Retail", "com"),
    ("Telecom", "Telecommunications", "net"),
    ("Consulting", "Consulting", "com"),
    ("Insurance", "Insurance", "com"),
    ("Cloud", "Technology", "io"),
    ("Freight", "Shipping", "com"),
];

/// (city, state, phone area code)
pub const CITIES: &[(&str, &str, &str)] = &[
    ("San Francisco", "CA", "415"),
    ("Oakland", "CA", "510"),
    ("Los Angeles", "CA", "213"),
    ("San Diego", "CA", "619"),
    ("Portland", "OR", "503"),
    ("Seattle", "WA", "206"),
    ("Denver", "CO", "303"),
    ("Austin", "TX", "512"),
    ("Chicago", "IL", "312"),
    ("Minneapolis", "MN", "612"),
    ("Atlanta", "GA", "404"),
    ("New York", "NY", "212"),
    ("Philadelphia", "PA", "215"),
    ("Raleigh", "NC", "919"),
    ("Salt Lake City", "UT", "801"),
    ("Phoenix", "AZ", "602"),
];

pub const STREETS: &[&str] =
    &["Market Street", "Main Street", "Oak Avenue", "Harbor Way", "Industrial Parkway", "Pine Street", "Commerce Drive", "Mission Street"];

/// (title, department)
pub const TITLES: &[(&str, &str)] = &[
    ("Chief Executive Officer", "Executive"),
    ("Chief Financial Officer", "Finance"),
    ("VP Operations", "Operations"),
    ("VP Sales", "Sales"),
    ("Director of IT", "IT"),
    ("Director of Procurement", "Procurement"),
    ("Head of Marketing", "Marketing"),
    ("Operations Manager", "Operations"),
    ("Purchasing Manager", "Procurement"),
    ("IT Manager", "IT"),
    ("Senior Buyer", "Procurement"),
    ("Customer Success Manager", "Customer Success"),
    ("Software Engineer", "Engineering"),
    ("Controller", "Finance"),
];

pub const LEAD_SOURCES: &[&str] = &["Web", "Phone Inquiry", "Partner Referral", "Purchased List", "Trade Show", "Other"];

/// Industries that exist in both the Account and the Lead picklists.
pub const LEAD_INDUSTRIES: &[&str] = &[
    "Banking",
    "Consulting",
    "Education",
    "Electronics",
    "Energy",
    "Finance",
    "Healthcare",
    "Manufacturing",
    "Media",
    "Retail",
    "Technology",
    "Transportation",
];

pub const PRODUCTS: &[&str] = &["Robotics", "Analytics", "Cloud", "Support", "Training"];

/// What opportunities are for (name suffix).
pub const DEALS: &[&str] = &[
    "Fleet Expansion",
    "Analytics Platform",
    "Cloud Migration",
    "Support Renewal",
    "Pilot Program",
    "Enterprise License",
    "Training Package",
    "Add-on Seats",
    "Multi-year Renewal",
    "Warehouse Automation",
];

pub const TASK_SUBJECTS: &[&str] = &[
    "Call",
    "Send Quote",
    "Send Letter",
    "Follow up on proposal",
    "Schedule demo",
    "Check in after onboarding",
    "Confirm budget and timeline",
    "Prepare renewal offer",
    "Send case study",
    "Book quarterly business review",
];

pub const CASE_SUBJECTS: &[(&str, &str, &str)] = &[
    ("Robot stops at charging dock", "Problem", "Breakdown"),
    ("Dashboard export times out", "Problem", "Performance"),
    ("How do I add a second warehouse?", "Question", "Installation"),
    ("Request: SSO with Okta", "Feature Request", "Feedback"),
    ("Firmware update failed on 3 units", "Problem", "Equipment Complexity"),
    ("Invoice shows wrong seat count", "Question", "Other"),
    ("Sensor calibration drifts after a week", "Problem", "Equipment Design"),
    ("Training session for new shift leads", "Question", "Installation"),
];
