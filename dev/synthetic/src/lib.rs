//! A deterministic synthetic knowledge base of any size, for benchmarks and scale tests.
//!
//! Same schema as the real KB, clinical-sounding vocabulary (sites, lesions, colours,
//! triggers, pains, tests, drugs) plus generated eponyms, so the vocabulary grows with the
//! number of causes the way a real, larger KB's would and the search engine does real
//! work: shared generic words ("bleeding", "discharge") and rare specific ones.
//!
//! `cargo run --release --example synthetic_kb -- 10000 > /tmp/kb10k.ron` writes one as RON.

use obddx_core::kb::{
    Cause, Cite, Claim, Diagnostic, Group, KnowledgeBase, Meta, RiskFactor, Sign, SourceDocument,
    Stage, TestKind, Treatment, TreatmentKind, Trimester, Urgency, WeekRange,
};

/// `SplitMix64`: small, fast, deterministic.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

const SITES: &[&str] = &[
    "cervix",
    "cervical canal",
    "uterus",
    "uterine wall",
    "placenta",
    "vagina",
    "vulva",
    "fallopian tube",
    "ovary",
    "endometrium",
    "decidua",
    "chorion",
    "amnion",
    "myometrium",
    "internal os",
    "isthmus",
    "lower segment",
    "fundus",
    "parametrium",
    "perineum",
];
const LESIONS: &[&str] = &[
    "polyp",
    "cyst",
    "haematoma",
    "erosion",
    "abruption",
    "rupture",
    "infection",
    "inflammation",
    "varix",
    "fibroid",
    "neoplasm",
    "detachment",
    "ulcer",
    "laceration",
    "ectropion",
    "adenomyosis",
    "insufficiency",
    "thrombosis",
    "malformation",
    "hypoplasia",
    "dysplasia",
    "haemangioma",
    "endometriosis",
    "sarcoma",
    "mole",
    "implantation",
];
const MODIFIERS: &[&str] = &[
    "marginal",
    "central",
    "partial",
    "complete",
    "recurrent",
    "chronic",
    "acute",
    "benign",
    "malignant",
    "decidual",
    "retroplacental",
    "subchorionic",
    "tubal",
    "isthmic",
    "cornual",
    "haemorrhagic",
    "septic",
    "traumatic",
    "hormonal",
    "congenital",
    "vascular",
    "cystic",
];
const COLOURS: &[&str] = &[
    "scarlet",
    "bright red",
    "dark",
    "brown",
    "brownish",
    "pink",
    "pale pink",
    "blood-streaked",
    "greenish",
    "yellowish",
    "watery",
    "mucous",
    "clotted",
];
const AMOUNTS: &[&str] = &[
    "scant",
    "light",
    "moderate",
    "profuse",
    "abundant",
    "massive",
    "intermittent",
    "recurrent",
    "persistent",
    "sudden",
];
const DISCHARGES: &[&str] = &[
    "bleeding",
    "spotting",
    "discharge",
    "bloody discharge",
    "blood loss",
];
const TRIGGERS: &[&str] = &[
    "intercourse",
    "a fall",
    "exercise",
    "heavy lifting",
    "douching",
    "speculum examination",
    "transvaginal ultrasound",
    "bowel movements",
    "coughing",
    "a long journey",
    "stress",
    "a blow to the abdomen",
    "IVF",
    "amniocentesis",
];
const PAINS: &[&str] = &[
    "aching",
    "cramping",
    "pulling",
    "sharp",
    "stabbing",
    "dull",
    "colicky",
    "constant",
    "one-sided",
    "diffuse",
    "radiating",
];
const PAIN_SITES: &[&str] = &[
    "lower abdomen",
    "lower back",
    "lumbar region",
    "pelvis",
    "groin",
    "rectum",
    "shoulder",
    "side",
    "whole abdomen",
];
const SYSTEMIC: &[&str] = &[
    "fever",
    "chills",
    "dizziness",
    "fainting",
    "nausea",
    "vomiting",
    "headache",
    "swelling",
    "high blood pressure",
    "pallor",
    "rapid pulse",
    "itching",
    "burning",
    "foul odour",
    "increased tone of the uterus",
    "reduced fetal movements",
    "leaking amniotic fluid",
];
const RISKS: &[&str] = &[
    "previous caesarean section",
    "multiple pregnancy",
    "smoking",
    "advanced maternal age",
    "hypertension",
    "diabetes",
    "previous miscarriage",
    "pelvic inflammatory disease",
    "IVF",
    "abdominal trauma",
    "polyhydramnios",
    "uterine scar",
    "cervical insufficiency",
    "sexually transmitted infection",
    "anaemia",
    "thrombophilia",
    "obesity",
    "stress",
];
const TESTS: &[(TestKind, &str)] = &[
    (TestKind::Ultrasound, "Ultrasound"),
    (TestKind::TransvaginalUltrasound, "Transvaginal ultrasound"),
    (TestKind::Hcg, "Serial blood hCG"),
    (TestKind::HormoneTests, "Progesterone level"),
    (TestKind::Smear, "Vaginal smear"),
    (TestKind::Examination, "Speculum examination"),
    (TestKind::Other, "Doppler flowmetry"),
    (TestKind::Other, "Coagulation profile"),
    (TestKind::Other, "Cardiotocography"),
];
const FINDINGS: &[&str] = &[
    "locates the source of bleeding",
    "shows a retroplacental haematoma",
    "shows the placenta over the internal os",
    "rising level below the expected doubling",
    "low level",
    "identifies the pathogen",
    "shows a friable, bleeding surface",
    "shows an empty uterine cavity",
    "shows a snowstorm pattern with many cysts",
    "assesses fetal heartbeat",
    "shows signs of fetal distress",
];
const TREAT_CLASSES: &[(TreatmentKind, &str, &[&str])] = &[
    (
        TreatmentKind::Supportive,
        "Bed rest and observation",
        &["hospital admission"],
    ),
    (
        TreatmentKind::Medication,
        "Progesterone drugs",
        &["dydrogesterone", "micronised progesterone"],
    ),
    (
        TreatmentKind::Medication,
        "Haemostatics",
        &["etamsylate", "tranexamic acid", "aminocaproic acid"],
    ),
    (
        TreatmentKind::Medication,
        "Tocolytics",
        &["hexoprenaline", "nifedipine"],
    ),
    (
        TreatmentKind::Medication,
        "Antispasmodics",
        &["drotaverine"],
    ),
    (
        TreatmentKind::Medication,
        "Antibiotics",
        &["amoxicillin", "azithromycin"],
    ),
    (
        TreatmentKind::Medication,
        "Corticosteroids",
        &["dexamethasone"],
    ),
    (
        TreatmentKind::Medication,
        "Iron preparations",
        &["ferrous sulphate"],
    ),
    (
        TreatmentKind::Physiotherapy,
        "Magnesia electrophoresis",
        &[],
    ),
    (
        TreatmentKind::Surgical,
        "Curettage of the uterine cavity",
        &["vacuum aspiration"],
    ),
    (
        TreatmentKind::Surgical,
        "Endoscopic removal",
        &["hysteroscopic polypectomy", "laparoscopy"],
    ),
    (TreatmentKind::Surgical, "Caesarean section", &[]),
    (
        TreatmentKind::Surgical,
        "Cryotherapy",
        &["laser treatment", "electrocoagulation"],
    ),
];
const WHENS: &[&str] = &[
    "if bleeding persists",
    "in the third trimester",
    "after the pregnancy",
    "if the fetus is viable",
    "with severe blood loss",
    "when conservative treatment fails",
];
const SYLLABLES: &[&str] = &[
    "var", "nek", "hol", "ster", "mar", "ko", "ven", "bra", "lin", "del", "tor", "sa", "mil",
    "gre", "ber", "sch", "an", "rud", "fel", "pa", "ton", "vik", "ler", "mo", "dan", "ri", "kas",
    "zel", "hu", "ber",
];
const GROUPS: &[(&str, &str)] = &[
    ("physiological", "Physiological"),
    ("pregnancy-loss", "Pregnancy loss"),
    ("ectopic", "Ectopic pregnancy"),
    ("placental", "Placental"),
    ("cervical-vaginal", "Cervical and vaginal"),
    ("tumours", "Tumours"),
    ("other", "Other"),
];

/// Week ranges of trimesters 1–3 (as in the real KB).
const TRIMESTER_WEEKS: [(u8, u8); 3] = [(0, 13), (14, 27), (28, 42)];

/// Paragraph counts of the two documents the synthetic KB cites (as in the real KB).
const ARTICLES_PARAS: u32 = 169;
const QA_PARAS: u32 = 2;

fn cite(rng: &mut Rng) -> Vec<Cite> {
    if rng.chance(85) {
        let a = 1 + rng.below(ARTICLES_PARAS as usize) as u32;
        let b = (a + 1 + rng.below(3) as u32).min(ARTICLES_PARAS);
        let mut para = vec![a];
        if b > a {
            para.push(b);
        }
        vec![Cite {
            doc: "articles".into(),
            para,
        }]
    } else {
        vec![Cite {
            doc: "qa".into(),
            para: vec![1 + rng.below(QA_PARAS as usize) as u32],
        }]
    }
}

fn eponym(rng: &mut Rng) -> String {
    let n = 2 + rng.below(2);
    let mut s: String = (0..n).map(|_| rng.pick(SYLLABLES)).collect();
    if let Some(f) = s.get_mut(0..1) {
        f.make_ascii_uppercase();
    }
    s
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

fn cause(i: usize, n: usize, rng: &mut Rng) -> Cause {
    let site = rng.pick(SITES);
    let lesion = rng.pick(LESIONS);
    let modifier = rng.pick(MODIFIERS);
    let epo = eponym(rng);
    let name = format!(
        "{} {lesion} of the {site} ({epo} type)",
        capitalise(modifier)
    );
    let aliases = vec![
        format!("{epo}'s {lesion}"),
        format!("{modifier} {site} {lesion}"),
    ];
    let stage = if rng.chance(25) {
        Stage::AnyTime
    } else {
        let mut t: Vec<u8> = (1..=3).filter(|_| rng.chance(45)).collect();
        if t.is_empty() {
            t.push(1 + rng.below(3) as u8);
        }
        Stage::Trimesters(t)
    };
    // Weeks, where given, lie within one of the cause's trimesters.
    let weeks = rng.chance(30).then(|| {
        let ts = stage.trimesters();
        let (lo, hi) = TRIMESTER_WEEKS[usize::from(ts[rng.below(ts.len())] - 1)];
        let from = lo + rng.below(usize::from(hi - lo - 2)) as u8;
        WeekRange {
            from,
            to: (from + 2 + rng.below(6) as u8).min(hi),
        }
    });
    let urgency = match rng.below(3) {
        0 => Urgency::Emergency,
        1 => Urgency::Urgent,
        _ => Urgency::Routine,
    };
    let summary = format!(
        "{} {} from {} {lesion} of the {site}; {} {} after {}.",
        capitalise(rng.pick(AMOUNTS)),
        rng.pick(DISCHARGES),
        if lesion.starts_with(['a', 'e', 'i', 'o', 'u']) {
            "an"
        } else {
            "a"
        },
        rng.pick(AMOUNTS),
        rng.pick(COLOURS),
        rng.pick(TRIGGERS),
    );
    let n_signs = 2 + rng.below(3);
    let signs = (0..n_signs)
        .map(|k| {
            let text = match rng.below(4) {
                0 => format!(
                    "{} {} {} after {}",
                    capitalise(rng.pick(AMOUNTS)),
                    rng.pick(COLOURS),
                    rng.pick(DISCHARGES),
                    rng.pick(TRIGGERS)
                ),
                1 => format!(
                    "{} pain in the {}",
                    capitalise(rng.pick(PAINS)),
                    rng.pick(PAIN_SITES)
                ),
                2 => format!(
                    "{} with {}",
                    capitalise(rng.pick(SYSTEMIC)),
                    rng.pick(SYSTEMIC)
                ),
                _ => format!(
                    "{} {} with {} pain in the {}",
                    capitalise(rng.pick(COLOURS)),
                    rng.pick(DISCHARGES),
                    rng.pick(PAINS),
                    rng.pick(PAIN_SITES)
                ),
            };
            Sign {
                text,
                red_flag: k == 0 && urgency == Urgency::Emergency,
                distinguishing: k == 1,
                sources: cite(rng),
                claim: Claim::Supported,
                fact: None,
            }
        })
        .collect();
    let risk_factors = (0..rng.below(3))
        .map(|_| RiskFactor {
            text: capitalise(rng.pick(RISKS)),
            sources: cite(rng),
            claim: Claim::Supported,
            fact: None,
        })
        .collect();
    let diagnostics = (0..=rng.below(2))
        .map(|_| {
            let (kind, test) = TESTS[rng.below(TESTS.len())];
            Diagnostic {
                kind,
                test: test.into(),
                finding: capitalise(rng.pick(FINDINGS)),
                sources: cite(rng),
                claim: Claim::Supported,
                fact: None,
            }
        })
        .collect();
    let treatments = (0..=rng.below(3))
        .map(|_| {
            let (kind, class, examples) = TREAT_CLASSES[rng.below(TREAT_CLASSES.len())];
            Treatment {
                kind,
                class: class.into(),
                examples: examples
                    .iter()
                    .map(std::string::ToString::to_string)
                    .collect(),
                when: rng.chance(40).then(|| capitalise(rng.pick(WHENS))),
                editor_note: None,
                sources: cite(rng),
                claim: Claim::Supported,
                fact: None,
            }
        })
        .collect();
    let look_alikes = if n > 1 {
        vec![format!("synthetic-{:05}", (i + 1 + rng.below(n - 1)) % n)]
    } else {
        Vec::new()
    };
    Cause {
        id: format!("synthetic-{i:05}"),
        name,
        short_name: None,
        group: GROUPS[rng.below(GROUPS.len())].0.into(),
        aliases,
        stage,
        weeks,
        weeks_derivation: None,
        urgency,
        urgency_basis: obddx_core::kb::UrgencyBasis::Stated,
        summary,
        action: "See a doctor.".into(),
        sources: cite(rng),
        claim: Claim::Supported,
        signs,
        risk_factors,
        diagnostics,
        treatments,
        complications: Vec::new(),
        look_alikes,
    }
}

/// A deterministic synthetic KB with `n` causes (same `n`, same KB).
pub fn synthetic_kb(n: usize) -> KnowledgeBase {
    let mut rng = Rng(0x0bdd_0b5e_ed00_0001);
    KnowledgeBase {
        meta: Meta {
            title: "Synthetic knowledge base (benchmarks only)".into(),
            version: "0.0.0".into(),
            updated: "2000-01-01".into(),
            disclaimer: "Generated text for benchmarks. Not clinical content.".into(),
        },
        documents: vec![
            SourceDocument {
                id: "articles".into(),
                title: "Spotting and bleeding in pregnancy: a compilation of articles".into(),
                kind: "compilation of patient-information articles".into(),
                file: "000_3b412acb4826adaf.txt".into(),
                paragraphs: ARTICLES_PARAS,
                parts: Vec::new(),
                layer: obddx_core::kb::Layer::Source,
                year: None,
                jurisdiction: None,
                source_kind: None,
            },
            SourceDocument {
                id: "qa".into(),
                title: "Is it normal to have a small amount of bleeding during pregnancy?".into(),
                kind: "question and answer by stage of pregnancy".into(),
                file: "002_af8735661b57c672.txt".into(),
                paragraphs: QA_PARAS,
                parts: Vec::new(),
                layer: obddx_core::kb::Layer::Source,
                year: None,
                jurisdiction: None,
                source_kind: None,
            },
        ],
        trimesters: ["1st", "2nd", "3rd"]
            .iter()
            .zip(TRIMESTER_WEEKS)
            .enumerate()
            .map(|(i, (name, (from, to)))| Trimester {
                number: i as u8 + 1,
                name: format!("{name} trimester"),
                weeks: WeekRange { from, to },
            })
            .collect(),
        guidance: Vec::new(),
        groups: GROUPS
            .iter()
            .map(|(id, name)| Group {
                id: (*id).into(),
                name: (*name).into(),
            })
            .collect(),
        causes: (0..n).map(|i| cause(i, n, &mut rng)).collect(),
    }
}

/// The synthetic KB as RON text that [`obddx_core::kb::load_str`] reads back (and validates).
pub fn synthetic_kb_ron(n: usize) -> String {
    let header = format!(
        "// Synthetic obddx knowledge base with {n} causes, for benchmarks only.\n\
         // Generated by `cargo run --release --example synthetic_kb -- {n}`.\n"
    );
    // Causes one field a line, signs and other items one a line, as in data/kb.ron.
    let config = ron::ser::PrettyConfig::new()
        .depth_limit(2)
        .compact_arrays(true)
        .indentor("    ");
    let body =
        ron::ser::to_string_pretty(&synthetic_kb(n), config).expect("synthetic KB serialises");
    header + &drop_defaults(&body) + "\n"
}

/// Leaves out fields at their default value, as a KB author writes them (the model serialises
/// every field, for the pre-built postcard form), so the 10,000-cause file stays under the
/// loader's size limit.
fn drop_defaults(ron: &str) -> String {
    ron.replace(", fact: None)", ")")
        .replace(", claim: Supported)", ")")
        .replace("editor_note: None, ", "")
        .replace("when: None, ", "")
        .lines()
        .filter(|line| {
            let field = line.trim();
            !matches!(
                field,
                "claim: Supported,"
                    | "complications: [],"
                    | "editor_note: None,"
                    | "parts: [],"
                    | "short_name: None,"
                    | "source_kind: None,"
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deterministic_and_sized() {
        let a = synthetic_kb(200);
        assert_eq!(a.causes.len(), 200);
        assert_eq!(a, synthetic_kb(200));
        let mut ids: Vec<&str> = a.causes.iter().map(|c| c.id.as_str()).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), 200);
    }

    #[test]
    fn round_trips_through_ron() {
        let back = obddx_core::kb::load_str("synthetic", &synthetic_kb_ron(300))
            .unwrap_or_else(|e| panic!("{}", e.full_message()));
        let kb = synthetic_kb(300);
        assert_eq!(back, kb);
    }

    #[test]
    fn citations_and_references_are_valid() {
        let kb = synthetic_kb(300);
        let ids: std::collections::HashSet<&str> =
            kb.causes.iter().map(|c| c.id.as_str()).collect();
        for c in &kb.causes {
            assert!(kb.group(&c.group).is_some());
            for l in &c.look_alikes {
                assert!(ids.contains(l.as_str()) && l != &c.id);
            }
            let cites = c
                .sources
                .iter()
                .chain(c.signs.iter().flat_map(|s| &s.sources))
                .chain(c.risk_factors.iter().flat_map(|s| &s.sources))
                .chain(c.diagnostics.iter().flat_map(|s| &s.sources))
                .chain(c.treatments.iter().flat_map(|s| &s.sources));
            for cite in cites {
                let doc = kb.document(&cite.doc).unwrap();
                assert!(!cite.para.is_empty());
                assert!(cite.para.iter().all(|&p| p >= 1 && p <= doc.paragraphs));
            }
            for t in c.stage.trimesters() {
                assert!((1..=3).contains(&t));
            }
        }
    }

    #[test]
    fn ten_thousand_causes_fit_the_loader_limit() {
        let ron = synthetic_kb_ron(10_000);
        assert!(
            (ron.len() as u64) < obddx_core::kb::MAX_KB_BYTES,
            "{} bytes",
            ron.len()
        );
    }

    #[test]
    fn small_sizes() {
        assert!(synthetic_kb(0).causes.is_empty());
        assert!(synthetic_kb(1).causes[0].look_alikes.is_empty());
    }
}
