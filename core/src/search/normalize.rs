//! Text normalisation: splitting text into words and reducing each word to a search key.
//!
//! A word is reduced in three steps:
//! 1. **fold**: Unicode NFKD, combining marks stripped, lowercased, ligatures expanded
//!    (`æ`, `œ`) and British spellings folded to American (`haem` → `hem`, `foetus` →
//!    `fetus`, `praevia` → `previa`, `tumour` → `tumor`, `-ise` → `-ize`, …). The folded
//!    word is the *surface* form used for typo and prefix matching.
//! 2. **stem**: a small suffix stripper (plurals, `-ing`, `-ed`, `-al`, `-ic`, `-ation`, …)
//!    so that word forms meet (`contractions`/`contraction`, `placental`/`placenta`,
//!    `uterine`/`uterus`, `cervical`/`cervix`).
//! 3. **stopwords** are recognised on the folded form and dropped by the caller.
//!
//! Both the knowledge base and the query go through the same functions, so a fold that is
//! "wrong" English (`size` → `sise`) is harmless: it is applied on both sides.

use std::ops::Range;

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// One word of a text: its byte range in the original text and its folded form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    /// Byte range in the original text; always on char boundaries.
    pub range: Range<usize>,
    /// Folded surface form (see [`fold`]).
    pub folded: String,
}

/// Longest word we index or match, in bytes of the original; longer runs are cut into
/// pieces so pathological input (10k letters without a space) stays cheap.
const MAX_WORD_BYTES: usize = 64;

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Splits `text` into words: maximal runs of alphanumeric characters (plus any combining
/// marks that follow them). Everything else separates words.
pub fn words(text: &str) -> Vec<Word> {
    word_ranges(text)
        .filter_map(|range| {
            let folded = fold(&text[range.clone()]);
            (!folded.is_empty()).then_some(Word { range, folded })
        })
        .collect()
}

/// The byte ranges of the words of `text` (see [`words`]), unfolded.
pub fn word_ranges(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut chars = text.char_indices().peekable();
    std::iter::from_fn(move || {
        // Skip to the start of a word.
        let (s, _) = loop {
            let (i, c) = chars.next()?;
            if is_word_char(c) {
                break (i, c);
            }
        };
        let mut e = text.len();
        while let Some(&(i, c)) = chars.peek() {
            if i - s >= MAX_WORD_BYTES && !is_combining_mark(c) {
                e = i;
                break;
            }
            if !(is_word_char(c) || is_combining_mark(c)) {
                e = i;
                break;
            }
            chars.next();
        }
        Some(s..e)
    })
}

/// Folds one word: NFKD, strip combining marks, lowercase, expand ligatures, and fold
/// British to American spelling. Returns only alphanumeric characters.
pub fn fold(word: &str) -> String {
    if word.bytes().all(|b| b.is_ascii_alphanumeric()) {
        // Fast path: nothing to decompose.
        return british_to_american(word.to_ascii_lowercase());
    }
    let mut s = String::with_capacity(word.len());
    for c in word.nfkd() {
        if is_combining_mark(c) {
            continue;
        }
        for l in c.to_lowercase() {
            match l {
                'æ' => s.push_str("ae"),
                'œ' => s.push_str("oe"),
                'ß' => s.push_str("ss"),
                l if l.is_alphanumeric() => s.push(l),
                _ => {}
            }
        }
    }
    british_to_american(s)
}

/// Spelling folds, applied to an already lowercased word.
fn british_to_american(mut s: String) -> String {
    if !s.is_ascii() {
        return s;
    }
    // Word-initial "oe" (oedema, oestrogen, oesophagus) and foetus/foetal.
    if s.starts_with("oe") && s.len() > 3 {
        s.replace_range(0..2, "e");
    }
    if s.starts_with("foet") {
        s.replace_range(0..4, "fet");
    }
    for (from, to) in [
        ("rhoea", "rhea"), // diarrhoea, amenorrhoea
        ("ae", "e"),       // haem, praevia, gynaec, anaemia, caesarean, paed
        ("yz", "ys"),      // analyze → analyse (folded the British way: both sides agree)
        ("iz", "is"),      // -ize → -ise
        ("sulph", "sulf"),
    ] {
        if s.contains(from) {
            s = s.replace(from, to);
        }
    }
    if s.len() >= 6 && s.ends_with("our") {
        // tumour, colour, labour (not hour, four, your)
        s.replace_range(s.len() - 3.., "or");
    }
    if s.len() >= 5 && s.ends_with("tre") {
        // centre, litre
        s.replace_range(s.len() - 3.., "ter");
    }
    s
}

fn is_vowel(b: u8) -> bool {
    matches!(b, b'a' | b'e' | b'i' | b'o' | b'u' | b'y')
}

fn has_vowel(s: &str) -> bool {
    s.bytes().any(is_vowel)
}

/// Suffixes stripped by [`stem`], longest first within each round, with the minimum stem
/// length that must remain.
const SUFFIXES: &[(&str, usize, &str)] = &[
    ("ination", 4, ""), // examination → exam
    ("ation", 4, ""),   // implantation → implant
    ("atory", 4, ""),   // inflammatory → inflam
    ("ness", 4, ""),
    ("ment", 4, ""), // detachment → detach
    ("ing", 3, ""),  // bleeding → bleed, spotting → spot
    ("ory", 4, ""),
    ("ful", 4, ""),  // painful → pain
    ("ion", 4, ""),  // contraction → contract (only after t/s, checked below)
    ("ine", 4, ""),  // uterine → uter
    ("ies", 3, "i"), // ovaries → ovari
    ("ied", 3, "i"),
    ("ed", 4, ""), // streaked → streak
    ("al", 3, ""), // placental → placent
    ("ic", 4, ""), // ectopic → ectop, cystic → cyst
    ("ly", 4, ""), // suddenly → sudden, heavily → heavi
    ("us", 3, ""), // uterus → uter, fetus → fet
    ("a", 4, ""),  // placenta → placent, hematoma → hematom
    ("e", 3, ""),  // stone → ston, rupture → ruptur
    ("y", 4, "i"), // ovary → ovari, heavy → heavi (ectopy stays apart from ectopic)
];

/// Reduces a folded word to its stem. Only plain ASCII-letter words are stemmed; anything
/// else (numbers, other scripts) is its own stem.
pub fn stem(folded: &str) -> String {
    if folded.len() <= 3 || !folded.bytes().all(|b| b.is_ascii_lowercase()) {
        return folded.to_string();
    }
    let mut s = folded.to_string();
    // Plurals first.
    if s.ends_with("sses") || s.ends_with("xes") || s.ends_with("ches") || s.ends_with("shes") {
        s.truncate(s.len() - 2);
    } else if s.ends_with('s')
        && !s.ends_with("ss")
        && !s.ends_with("us")
        && !s.ends_with("is")
        && !s.ends_with("ies")
        && s.len() > 3
    {
        s.truncate(s.len() - 1);
    }
    if s.ends_with("ix") && s.len() >= 5 {
        // cervix → cervic (meets cervical → cervic)
        s.truncate(s.len() - 1);
        s.push('c');
    }
    let mut stripped_any = false;
    for _round in 0..3 {
        let mut stripped = false;
        for &(suf, min, repl) in SUFFIXES {
            if !s.ends_with(suf) {
                continue;
            }
            let rest = s.len() - suf.len();
            if rest < min || !has_vowel(&s[..rest]) {
                continue;
            }
            if suf == "ion" && !matches!(s.as_bytes()[rest - 1], b't' | b's') {
                continue;
            }
            if suf == "us" && s.ends_with("ous") {
                continue;
            }
            s.truncate(rest);
            s.push_str(repl);
            stripped = true;
            break;
        }
        if !stripped {
            break;
        }
        stripped_any = true;
    }
    if stripped_any {
        let b = s.as_bytes();
        let n = b.len();
        if n >= 4
            && b[n - 1] == b[n - 2]
            && !is_vowel(b[n - 1])
            && !matches!(b[n - 1], b'l' | b's' | b'z')
        {
            s.truncate(n - 1);
        }
    }
    s
}

/// Common English function words, dropped from queries and from the index.
const STOPWORDS: &[&str] = &[
    "a", "about", "after", "again", "all", "also", "am", "an", "and", "any", "are", "as", "at",
    "be", "been", "before", "being", "both", "but", "by", "can", "could", "did", "do", "does",
    "doing", "during", "each", "even", "for", "from", "get", "got", "had", "has", "have", "having",
    "he", "her", "here", "him", "his", "how", "i", "if", "im", "in", "into", "is", "it", "its",
    "ive", "just", "may", "me", "might", "more", "most", "much", "must", "my", "no", "nor", "not",
    "now", "of", "off", "on", "once", "only", "or", "other", "our", "out", "over", "own", "s",
    "same", "she", "should", "so", "some", "such", "t", "than", "that", "the", "their", "them",
    "then", "there", "these", "they", "this", "those", "through", "to", "too", "under", "until",
    "up", "very", "was", "we", "were", "what", "when", "where", "which", "while", "who", "whom",
    "why", "will", "with", "would", "you", "your",
];

/// Whether a folded word is a stopword.
pub fn is_stopword(folded: &str) -> bool {
    STOPWORDS.binary_search(&folded).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(w: &str) -> String {
        stem(&fold(w))
    }

    #[test]
    fn stopwords_are_sorted() {
        let mut sorted = STOPWORDS.to_vec();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted, STOPWORDS);
    }

    #[test]
    fn words_have_byte_ranges_in_the_original() {
        let t = "Pain—on one-side, Haematóma!";
        let ws = words(t);
        let got: Vec<(&str, &str)> = ws
            .iter()
            .map(|w| (&t[w.range.clone()], w.folded.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                ("Pain", "pain"),
                ("on", "on"),
                ("one", "one"),
                ("side", "side"),
                ("Haematóma", "hematoma")
            ]
        );
    }

    #[test]
    fn combining_marks_stay_in_their_word() {
        let t = "he\u{301}matoma x";
        let ws = words(t);
        assert_eq!(ws.len(), 2);
        assert_eq!(&t[ws[0].range.clone()], "he\u{301}matoma");
        assert_eq!(ws[0].folded, "hematoma");
    }

    #[test]
    fn very_long_runs_are_cut() {
        let t = "a".repeat(1000);
        let ws = words(&t);
        assert!(ws.iter().all(|w| w.range.len() <= MAX_WORD_BYTES));
        assert_eq!(ws.iter().map(|w| w.range.len()).sum::<usize>(), 1000);
    }

    #[test]
    fn british_spellings_fold_to_american() {
        for (gb, us) in [
            ("haematoma", "hematoma"),
            ("haemorrhage", "hemorrhage"),
            ("foetus", "fetus"),
            ("foetal", "fetal"),
            ("oedema", "edema"),
            ("oestrogen", "estrogen"),
            ("praevia", "previa"),
            ("anaemia", "anemia"),
            ("gynaecologist", "gynecologist"),
            ("caesarean", "cesarean"),
            ("tumour", "tumor"),
            ("diarrhoea", "diarrhea"),
            ("fœtus", "fetus"),
        ] {
            assert_eq!(fold(gb), fold(us), "{gb}");
            assert_eq!(key(gb), key(us), "{gb}");
        }
        assert_eq!(fold("hour"), "hour");
        assert_eq!(fold("does"), "does");
    }

    #[test]
    fn word_forms_meet() {
        for group in [
            &["contraction", "contractions", "contracting"][..],
            &["placenta", "placental", "placentas"],
            &["uterus", "uterine"],
            &["cervix", "cervical"],
            &["fetus", "fetal", "foetal"],
            &["vagina", "vaginal"],
            &["haematoma", "haematomas", "hematoma"],
            &["spotting", "spot", "spots", "spotted"],
            &["cramp", "cramps", "cramping"],
            &["bleeding", "bleed", "bleeds"],
            &["cyst", "cysts", "cystic"],
            &["inflammation", "inflamed", "inflammatory"],
            &["infection", "infections"],
            &["rupture", "ruptured", "ruptures"],
            &["hemorrhage", "hemorrhagic", "haemorrhagic"],
            &["abruption", "abruptions"],
            &["detachment", "detached", "detach"],
            &["implantation", "implant", "implanted"],
            &["ovary", "ovaries"],
            &["polyp", "polyps"],
            &["examination", "examine", "exam"],
            &["menstruation", "menstrual"],
            &["hormone", "hormonal", "hormones"],
            &["tone", "tonus"],
            &["ectopic", "ectopics"],
            &["streaked", "streak"],
        ] {
            let k0 = key(group[0]);
            for w in group {
                assert_eq!(key(w), k0, "{w} vs {}", group[0]);
            }
        }
    }

    #[test]
    fn distinct_words_stay_distinct() {
        for (a, b) in [
            ("pain", "painless"),
            ("previous", "previa"),
            ("blood", "bleed"),
            ("fever", "fetus"),
            ("abdomen", "abortion"),
            ("ectopic", "ectopy"),
        ] {
            assert_ne!(key(a), key(b), "{a} vs {b}");
        }
    }

    #[test]
    fn non_ascii_and_numbers_are_not_stemmed() {
        assert_eq!(key("32"), "32");
        assert_eq!(key("32w"), "32w");
        assert_eq!(key("кровотечения"), "кровотечения");
    }
}
