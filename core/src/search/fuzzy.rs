//! Typo tolerance: bounded optimal-string-alignment distance (Levenshtein plus adjacent
//! transpositions) and a cheap character-set prefilter.

/// A 64-bit set of the characters of a word (hashed), for the prefilter.
pub(super) fn char_mask(chars: &[char]) -> u64 {
    chars.iter().fold(0u64, |m, &c| m | 1u64 << (c as u32 % 64))
}

/// Maximum edits allowed for a query word of `len` characters.
pub(super) fn max_edits(len: usize) -> usize {
    match len {
        0..=3 => 0,
        4..=7 => 1,
        _ => 2,
    }
}

/// Whether two words could be within `k` edits, judged by length and character sets only.
/// Never rejects a pair that is within `k` edits.
pub(super) fn may_be_within(
    a_len: usize,
    a_mask: u64,
    b_len: usize,
    b_mask: u64,
    k: usize,
) -> bool {
    a_len.abs_diff(b_len) <= k
        && (a_mask & !b_mask).count_ones() as usize <= k
        && (b_mask & !a_mask).count_ones() as usize <= k
}

/// Optimal-string-alignment distance between `a` and `b` if it is at most `k`.
/// `rows` is scratch space reused between calls.
pub(super) fn osa_within(
    a: &[char],
    b: &[char],
    k: usize,
    rows: &mut [Vec<usize>; 3],
) -> Option<usize> {
    if a.len().abs_diff(b.len()) > k {
        return None;
    }
    let m = b.len();
    for r in rows.iter_mut() {
        r.clear();
        r.resize(m + 1, 0);
    }
    let [prev2, prev, cur] = rows;
    for (j, v) in prev.iter_mut().enumerate() {
        *v = j;
    }
    for i in 1..=a.len() {
        cur[0] = i;
        let mut row_min = cur[0];
        for j in 1..=m {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(prev2[j - 2] + 1);
            }
            cur[j] = v;
            row_min = row_min.min(v);
        }
        if row_min > k {
            return None;
        }
        std::mem::swap(prev2, prev);
        std::mem::swap(prev, cur);
    }
    let d = prev[m];
    (d <= k).then_some(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(a: &str, b: &str, k: usize) -> Option<usize> {
        let a: Vec<char> = a.chars().collect();
        let b: Vec<char> = b.chars().collect();
        let mut rows = Default::default();
        osa_within(&a, &b, k, &mut rows)
    }

    #[test]
    fn distances() {
        assert_eq!(d("miscariage", "miscarriage", 2), Some(1));
        assert_eq!(d("ectopik", "ectopic", 1), Some(1));
        assert_eq!(d("abruptoin", "abruption", 1), Some(1));
        assert_eq!(d("hemorage", "hemorrhage", 2), Some(2));
        assert_eq!(d("pian", "pain", 1), Some(1));
        assert_eq!(d("same", "same", 0), Some(0));
        assert_eq!(d("abc", "xyz", 2), None);
        assert_eq!(d("", "ab", 2), Some(2));
        assert_eq!(d("ab", "", 1), None);
    }

    #[test]
    fn prefilter_never_rejects_a_close_pair() {
        let words = [
            "placenta",
            "placental",
            "plasenta",
            "abruption",
            "abruptoin",
            "cyst",
            "cysts",
        ];
        let mut rows = Default::default();
        for a in words {
            for b in words {
                let ac: Vec<char> = a.chars().collect();
                let bc: Vec<char> = b.chars().collect();
                for k in 0..3 {
                    if osa_within(&ac, &bc, k, &mut rows).is_some() {
                        assert!(may_be_within(
                            ac.len(),
                            char_mask(&ac),
                            bc.len(),
                            char_mask(&bc),
                            k
                        ));
                    }
                }
            }
        }
    }
}
