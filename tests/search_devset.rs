//! The search's development set: presentations written for this project from the two source
//! documents and the guideline-facts sheet (G1–G66), typed as a clinician types them — terse and
//! long, with negations, stage cues and no stage at all. Each case names the cause it must rank
//! (first or in the top three) and the causes that must be on screen (in the top three or pinned
//! as must-not-miss). The held-out acceptance set is kept elsewhere and never used here.
//!
//! `cargo test --test search_devset -- --nocapture` prints the top-1 and top-3 rates.

use obddx::kb::Reference;
use obddx::prebuilt;
use obddx::search::{Query, SearchIndex};

#[derive(Clone, Copy, Debug, PartialEq)]
enum Want {
    First,
    Top3,
}
use Want::{First, Top3};

/// (query, cause it must rank — empty when the case checks only what is on screen, where it must
/// rank, causes that must be on screen)
type Case = (&'static str, &'static str, Want, &'static [&'static str]);

const ECTOPIC: &str = "ectopic-pregnancy";
const PRAEVIA: &str = "placenta-praevia";
const ABRUPTION: &str = "placental-abruption";

const CASES: &[Case] = &[
    // ── ectopic pregnancy ──
    (
        "6 weeks bleeding, shoulder-tip pain, fainting",
        ECTOPIC,
        First,
        &[],
    ),
    (
        "one-sided pelvic pain and spotting, positive pregnancy test",
        ECTOPIC,
        First,
        &[],
    ),
    (
        "amenorrhoea 7 weeks, right iliac fossa pain, light bleeding, dizzy",
        ECTOPIC,
        First,
        &[],
    ),
    (
        "positive pregnancy test, pain and bleeding",
        ECTOPIC,
        Top3,
        &[ECTOPIC],
    ),
    (
        "missed period, collapsed, abdominal pain, tachycardic",
        ECTOPIC,
        First,
        &[],
    ),
    (
        "early pregnancy, adnexal tenderness, cervical motion tenderness, scant brown loss",
        ECTOPIC,
        First,
        &[],
    ),
    (
        "8 weeks, one-sided pain came first, followed by spotting",
        ECTOPIC,
        First,
        &[],
    ),
    (
        "previous ectopic, now 6 weeks with unilateral pain",
        ECTOPIC,
        First,
        &[],
    ),
    (
        "urge to defecate, shoulder pain, 7 weeks pregnant, pale and faint",
        ECTOPIC,
        First,
        &[],
    ),
    (
        "PV spotting 6/40 with left sided abdominal pain and guarding",
        ECTOPIC,
        First,
        &[],
    ),
    ("shoulder-tip pain", ECTOPIC, First, &[]),
    (
        "A woman at 7 weeks by dates has had two days of left-sided lower abdominal pain followed by dark spotting; she felt faint on standing and has shoulder tip pain; pulse 118.",
        ECTOPIC,
        First,
        &[],
    ),
    (
        "LMP 6 weeks ago, pregnancy test positive, peritonism and hypotension",
        ECTOPIC,
        First,
        &[],
    ),
    // ── threatened miscarriage ──
    (
        "closed os, no pain, 9 weeks",
        "threatened-miscarriage",
        Top3,
        &[],
    ),
    (
        "mild bleeding at 8 weeks, closed cervical os, little pain",
        "threatened-miscarriage",
        Top3,
        &[],
    ),
    // Ranks 2nd: contact bleeding's "mild bleeding" and "slight" items share the spotting.
    (
        "10 weeks, dark spotting with aching lower abdominal pain",
        "threatened-miscarriage",
        Top3,
        &[],
    ),
    (
        "uterus tense and stone hard, lower back pain, 12 weeks",
        "threatened-miscarriage",
        First,
        &[],
    ),
    (
        "pressure on bladder and rectum with spotting at 11 weeks",
        "threatened-miscarriage",
        First,
        &[],
    ),
    (
        "At 8 weeks she has had light spotting for a day with no pain; speculum shows a closed os and the scan a live intrauterine pregnancy.",
        "threatened-miscarriage",
        Top3,
        &[],
    ),
    (
        "previous miscarriage, bleeding at 7 weeks, intrauterine pregnancy confirmed",
        "threatened-miscarriage",
        Top3,
        &[],
    ),
    // ── miscarriage in progress (inevitable, incomplete) ──
    (
        "open os, heavy bleeding, clots, 9 weeks",
        "miscarriage-in-progress",
        First,
        &[],
    ),
    (
        "10 weeks heavy bleeding with clots and cramping, cervix open",
        "miscarriage-in-progress",
        First,
        &[],
    ),
    (
        "tissue passed per vagina, 11 weeks, cramping",
        "miscarriage-in-progress",
        Top3,
        &[],
    ),
    (
        "fever and bleeding at 9 weeks, products retained",
        "miscarriage-in-progress",
        Top3,
        &[],
    ),
    (
        "inevitable miscarriage",
        "miscarriage-in-progress",
        First,
        &[],
    ),
    (
        "products of conception in the os, 10 weeks",
        "miscarriage-in-progress",
        First,
        &[],
    ),
    (
        "At 9 weeks she reports heavy bleeding soaking a pad every hour, with clots and crampy pain; on speculum the cervical os is open.",
        "miscarriage-in-progress",
        First,
        &[],
    ),
    // ── missed miscarriage ──
    // Ranks 2nd: "a non-viable embryo retained" is a distinguishing sign of miscarriage in progress.
    (
        "no fetal heart on scan at 10 weeks",
        "missed-pregnancy",
        Top3,
        &[],
    ),
    (
        "pregnancy symptoms gone, dark brown discharge, 9 weeks",
        "missed-pregnancy",
        Top3,
        &[],
    ),
    (
        "uterus small for dates, brown spotting, 11 weeks",
        "missed-pregnancy",
        Top3,
        &[],
    ),
    ("empty sac on scan", "missed-pregnancy", Top3, &[]),
    (
        "At 11 weeks a persistent brown discharge; her nausea has settled; the scan shows no fetal heartbeat.",
        "missed-pregnancy",
        First,
        &[],
    ),
    // ── detachment of the ovum ──
    (
        "subchorionic haematoma on scan, 8 weeks, brown discharge",
        "ovum-detachment",
        First,
        &[],
    ),
    (
        "brown-tinged discharge at 7 weeks",
        "ovum-detachment",
        Top3,
        &[],
    ),
    // ── implantation and hormonal spotting ──
    (
        "pink spotting 10 days after conception, before the missed period",
        "implantation-bleeding",
        First,
        &[],
    ),
    (
        "light pink mucus with a little blood for a few hours, no pain, period not yet due",
        "implantation-bleeding",
        First,
        &[],
    ),
    (
        "brown spotting on the day my period would have been due, 5 weeks",
        "hormonal-spotting",
        First,
        &[],
    ),
    (
        "period-like spotting at 6 weeks, short-lived, no pain",
        "hormonal-spotting",
        Top3,
        &[],
    ),
    ("low progesterone spotting", "hormonal-spotting", First, &[]),
    // ── contact bleeding ──
    // Ranks 2nd: hormonal spotting's "on the days of the period" is also spotting at this stage.
    (
        "spotting after sex at 10 weeks",
        "contact-bleeding",
        Top3,
        &[],
    ),
    (
        "bleeding after a transvaginal scan",
        "contact-bleeding",
        First,
        &[],
    ),
    (
        "light bleeding after a speculum examination, 20 weeks",
        "contact-bleeding",
        First,
        &[],
    ),
    // ── cervical pregnancy ──
    (
        "scarlet discharge at 6 weeks then heavy bleeding",
        "cervical-pregnancy",
        Top3,
        &[],
    ),
    (
        "pale pink discharge then sudden massive bleeding at 7 weeks",
        "cervical-pregnancy",
        Top3,
        &[],
    ),
    // ── molar pregnancy ──
    (
        "uterus large for dates, hyperemesis, painless bleeding at 11 weeks",
        "hydatidiform-mole",
        First,
        &[],
    ),
    (
        "very high hCG, snowstorm on scan, vaginal bleeding 10 weeks",
        "hydatidiform-mole",
        First,
        &[],
    ),
    (
        "passage of grape-like vesicles, 12 weeks",
        "hydatidiform-mole",
        First,
        &[],
    ),
    (
        "abundant painless bleeding, theca lutein cysts",
        "hydatidiform-mole",
        First,
        &[],
    ),
    (
        "16 weeks, severe vomiting, uterus larger than dates, dark bleeding, hCG very high, snowstorm appearance on ultrasound",
        "hydatidiform-mole",
        First,
        &[],
    ),
    // ── vanishing twin ──
    (
        "twin pregnancy after IVF, spotting at 9 weeks, one sac empty",
        "vanishing-twin",
        First,
        &[],
    ),
    // ── placenta praevia ──
    (
        "painless bright red bleeding at 34 weeks",
        PRAEVIA,
        First,
        &[],
    ),
    (
        "32 weeks, painless PV bleed, soft non-tender uterus, high presenting part",
        PRAEVIA,
        First,
        &[],
    ),
    (
        "recurrent painless bleeding, 30 weeks, previous caesarean",
        PRAEVIA,
        First,
        &[],
    ),
    ("APH, painless, breech", PRAEVIA, First, &[]),
    (
        "bleeding after intercourse at 33 weeks, no pain, uterus soft",
        PRAEVIA,
        First,
        &[],
    ),
    (
        "two previous caesareans, painless heavy bleeding at 36 weeks, tachycardia",
        PRAEVIA,
        First,
        &[],
    ),
    (
        "bleeding at 28 weeks, non-tender uterus, transverse lie",
        PRAEVIA,
        First,
        &[],
    ),
    (
        "At 35 weeks, one previous caesarean, sudden painless bright red bleeding of about 200 mL; uterus soft and non-tender, fetal heart normal, head high.",
        PRAEVIA,
        First,
        &[],
    ),
    // ── low-lying placenta ──
    (
        "small bleed at 20 weeks, low placenta on the anomaly scan",
        "low-lying-placenta",
        First,
        &[],
    ),
    (
        "mid-pregnancy spotting that persists despite rest, 22 weeks",
        "low-lying-placenta",
        Top3,
        &[],
    ),
    // ── placental abruption ──
    (
        "34 weeks, painful bleeding, tense tender uterus",
        ABRUPTION,
        First,
        &[],
    ),
    // Ranks 2nd: uterine rupture's constant pain and abnormal fetal heart are red flags too.
    (
        "dark bleeding with constant abdominal pain at 36 weeks, woody hard uterus, fetal bradycardia",
        ABRUPTION,
        Top3,
        &[],
    ),
    (
        "car crash at 30 weeks, abdominal pain, small bleed",
        ABRUPTION,
        First,
        &[],
    ),
    (
        "pre-eclampsia, sudden abdominal pain, shock out of proportion to the visible bleeding, 35 weeks",
        ABRUPTION,
        First,
        &[],
    ),
    (
        "severe back pain, no visible bleeding, hard uterus, 33 weeks",
        ABRUPTION,
        First,
        &[],
    ),
    (
        "APH with pain and uterine tenderness",
        ABRUPTION,
        First,
        &[],
    ),
    (
        "cocaine use, bleeding and abdominal pain at 31 weeks",
        ABRUPTION,
        First,
        &[],
    ),
    (
        "smoker, bleeding at 38 weeks with frequent contractions and a tender uterus",
        ABRUPTION,
        Top3,
        &[],
    ),
    (
        "kicked in the abdomen at 32 weeks, now bleeding",
        ABRUPTION,
        First,
        &[],
    ),
    (
        "Woman at 37 weeks with high blood pressure, constant severe abdominal pain and a small dark loss; the uterus is hard and tender between contractions; CTG shows late decelerations.",
        ABRUPTION,
        First,
        &[],
    ),
    // ── vasa praevia ──
    (
        "bleeding as the waters broke, fetal bradycardia, 39 weeks",
        "vasa-praevia",
        First,
        &[],
    ),
    (
        "dark red bleeding after artificial rupture of membranes, sinusoidal CTG",
        "vasa-praevia",
        First,
        &[],
    ),
    (
        "velamentous cord insertion, bleeding at membrane rupture",
        "vasa-praevia",
        First,
        &[],
    ),
    (
        "In labour at 40 weeks; after artificial rupture of the membranes fresh bleeding started and the fetal heart dropped.",
        "vasa-praevia",
        First,
        &[],
    ),
    // ── uterine rupture ──
    (
        "in labour after a previous caesarean, scar pain, contractions stopped, fetal heart abnormal",
        "uterine-rupture",
        First,
        &[],
    ),
    (
        "VBAC, sudden severe pain between contractions, loss of station, haematuria",
        "uterine-rupture",
        First,
        &[],
    ),
    (
        "induction of labour, previous c-section, maternal tachycardia and hypotension, slight bleeding",
        "uterine-rupture",
        First,
        &[],
    ),
    // ── preterm birth ──
    (
        "28 weeks, regular contractions, bloody discharge, waters leaking",
        "preterm-birth",
        First,
        &[],
    ),
    (
        "30 weeks, cramping, pressure on bladder and rectum, cervix opening",
        "preterm-birth",
        Top3,
        &[],
    ),
    // Ranks 3rd: spotting is a key sign of contact bleeding; vasa praevia bleeds at membrane rupture.
    (
        "PPROM at 29 weeks with spotting",
        "preterm-birth",
        Top3,
        &[],
    ),
    // ── mucous plug ──
    (
        "blood-streaked mucus at 39 weeks",
        "mucous-plug",
        First,
        &[],
    ),
    // Ranks 2nd: vasa praevia's "typically painless bleeding" at term.
    (
        "term, mucousy bloody discharge, no pain",
        "mucous-plug",
        Top3,
        &[],
    ),
    // ── cervical and other local causes ──
    (
        "postcoital bleeding, cervical ectropion seen on speculum",
        "cervical-erosion",
        First,
        &[],
    ),
    (
        "slight brownish painless spotting from the cervix, 16 weeks",
        "cervical-erosion",
        Top3,
        &[],
    ),
    (
        "foul-smelling discharge with blood streaks",
        "genital-infection",
        First,
        &[],
    ),
    (
        "chlamydia, mucopurulent cervicitis, contact bleeding",
        "genital-infection",
        First,
        &[],
    ),
    (
        "greenish discharge with pelvic pain, 18 weeks",
        "genital-infection",
        First,
        &[],
    ),
    // Ranks 2nd: "slight painless spotting" fits contact bleeding as well.
    (
        "cervical polyp seen on speculum, slight painless spotting",
        "polyps",
        Top3,
        &[],
    ),
    // Ranks 3rd: the documents say little of malignancy; G61/G62 give contact bleeding to infection.
    (
        "exophytic cervical lesion, bleeding on contact",
        "malignant-neoplasm",
        Top3,
        &[],
    ),
    // Ranks 2nd: polyps are "growths" of the cervical canal in the documents.
    (
        "friable cervical mass, 20 weeks",
        "malignant-neoplasm",
        Top3,
        &[],
    ),
    (
        "fibroid uterus, bleeding at 16 weeks",
        "fibroids",
        First,
        &[],
    ),
    (
        "vulval varicosities bleeding",
        "genital-varicose-veins",
        First,
        &[],
    ),
    (
        "fell astride a bicycle, vaginal laceration, bleeding",
        "genital-trauma",
        First,
        &[],
    ),
    // ── no stage, guideline words ──
    ("heavy bleeding", "", Top3, &[ECTOPIC, PRAEVIA, ABRUPTION]),
    (
        "APH",
        PRAEVIA,
        Top3,
        &[PRAEVIA, ABRUPTION, "vasa-praevia", "uterine-rupture"],
    ),
    (
        "bleeding in labour",
        "",
        Top3,
        &["vasa-praevia", "uterine-rupture", ABRUPTION],
    ),
    ("Kleihauer", ABRUPTION, Top3, &[]),
    ("digital examination", PRAEVIA, Top3, &[]),
];

struct Outcome {
    ranked: usize,
    first: usize,
    top3: usize,
    failures: Vec<String>,
}

fn run(reference: &Reference, index: &SearchIndex) -> Outcome {
    let kb = &reference.kb;
    let mut out = Outcome {
        ranked: 0,
        first: 0,
        top3: 0,
        failures: Vec::new(),
    };
    for &(text, want_id, want, must_see) in CASES {
        let query = Query::text(text);
        let stage = index.stage_of(kb, &query);
        let hits = index.search(kb, &query);
        let pinned = index.must_not_miss(kb, &stage, &hits);
        let top: Vec<&str> = hits
            .iter()
            .take(3)
            .map(|h| kb.causes[h.cause].id.as_str())
            .collect();
        let on_screen =
            |id: &str| top.contains(&id) || pinned.iter().any(|m| kb.causes[m.cause].id == id);
        if !want_id.is_empty() {
            assert!(kb.cause(want_id).is_some(), "unknown cause {want_id}");
            out.ranked += 1;
            let rank = hits.iter().position(|h| kb.causes[h.cause].id == want_id);
            out.first += usize::from(rank == Some(0));
            out.top3 += usize::from(rank.is_some_and(|r| r < 3));
            let ok = match want {
                First => rank == Some(0),
                Top3 => rank.is_some_and(|r| r < 3),
            };
            if !ok {
                out.failures.push(format!(
                    "{text:?}: want {want_id} {want:?}, got rank {rank:?}; top {top:?}"
                ));
            }
            if !on_screen(want_id) {
                out.failures.push(format!(
                    "{text:?}: {want_id} neither in the top 3 nor pinned"
                ));
            }
        }
        for id in must_see {
            assert!(kb.cause(id).is_some(), "unknown cause {id}");
            if !on_screen(id) {
                out.failures.push(format!(
                    "{text:?}: {id} must be on screen; top {top:?}, pinned {:?}",
                    pinned
                        .iter()
                        .map(|m| kb.causes[m.cause].id.as_str())
                        .collect::<Vec<_>>()
                ));
            }
        }
    }
    out
}

/// Words only the guideline layer's notes use find the causes whose notes carry them.
#[test]
fn guideline_words_find_the_causes_whose_notes_carry_them() {
    let reference = prebuilt::shared(false);
    let kb = &reference.kb;
    let index = prebuilt::shared_index_for(kb);
    for word in [
        "anti-D",
        "Kleihauer",
        "digital examination",
        "shoulder-tip pain",
    ] {
        let hits = index.search(kb, &Query::text(word));
        assert!(!hits.is_empty(), "{word}: nothing found");
        let needle = word.split([' ', '-']).next().unwrap_or(word).to_lowercase();
        let first = &kb.causes[hits[0].cause];
        assert!(
            reference
                .cause_notes(&first.id)
                .iter()
                .any(|n| n.text.to_lowercase().contains(&needle)),
            "{word}: {} ranks first but none of its notes says it",
            first.id
        );
    }
}

#[test]
fn development_set() {
    let reference = prebuilt::shared(false);
    let index = prebuilt::shared_index_for(&reference.kb);
    let out = run(reference, &index);
    #[allow(clippy::cast_precision_loss)]
    let pct = |n: usize| 100.0 * n as f64 / out.ranked as f64;
    println!(
        "development set: {} cases ranked, top-1 {}/{} ({:.0}%), top-3 {}/{} ({:.0}%)",
        out.ranked,
        out.first,
        out.ranked,
        pct(out.first),
        out.top3,
        out.ranked,
        pct(out.top3)
    );
    assert!(
        CASES.len() >= 80,
        "the development set needs at least 80 cases"
    );
    assert!(
        out.failures.is_empty(),
        "{} failure(s):\n{}",
        out.failures.len(),
        out.failures.join("\n")
    );
}
