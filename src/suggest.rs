//! "Did you mean …?" suggestions: the closest known name to a misspelled one.
//!
//! Owns nothing but the distance metric; callers pass their own candidate lists
//! (syscall names, promise names, constant names, command names).

/// Inputs longer than this (in chars) get no suggestion: no known name is that long, and
/// the distance is quadratic in the length.
pub(crate) const MAX_INPUT: usize = 64;

/// Returns the candidate closest to `input`, if it is close enough to be a plausible typo.
///
/// Closeness is the optimal-string-alignment distance (Damerau-Levenshtein with adjacent
/// transpositions), compared case-insensitively. A candidate is accepted when its distance is
/// at most one third of the input's length (at least 1), so `opneat` suggests `openat` but
/// `xyz` suggests nothing. Ties keep the first candidate in iteration order. Candidates whose
/// length alone puts them out of reach are skipped without computing a distance, and inputs
/// longer than [`MAX_INPUT`] get no suggestion, so the cost is bounded whatever the input.
pub(crate) fn closest<'a, I>(input: &str, candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    let len = input.chars().count();
    if len > MAX_INPUT {
        return None;
    }
    let input_lower = input.to_ascii_lowercase();
    let limit = (len / 3).max(1);
    let mut best: Option<(usize, &'a str)> = None;
    for candidate in candidates {
        // The distance is at least the difference in length.
        let reach = best.map_or(limit, |(bd, _)| bd.saturating_sub(1));
        if candidate.chars().count().abs_diff(len) > reach {
            continue;
        }
        let d = distance(&input_lower, &candidate.to_ascii_lowercase());
        if d <= limit && best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, candidate));
        }
    }
    best.map(|(_, c)| c)
}

/// Optimal string alignment distance between two strings, counted in chars.
pub(crate) fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let (n, m) = (a.len(), b.len());
    let mut d = vec![vec![0usize; m + 1]; n + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=n {
        for j in 1..=m {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = v;
        }
    }
    d[n][m]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_typos() {
        let names = ["openat", "open", "read", "stdio", "rpath"];
        assert_eq!(closest("opneat", names), Some("openat"));
        assert_eq!(closest("stdoi", names), Some("stdio"));
        assert_eq!(closest("RPATH", names), Some("rpath"));
        assert_eq!(closest("xyz", names), None);
        assert_eq!(closest("inet6", ["inet", "anet"]), Some("inet"));
    }

    #[test]
    fn long_inputs_cost_nothing() {
        let long = "a".repeat(60_000);
        let t = std::time::Instant::now();
        let names: Vec<String> = (0..5000).map(|i| format!("name{i}")).collect();
        assert_eq!(closest(&long, names.iter().map(String::as_str)), None);
        let near = "x".repeat(MAX_INPUT - 1);
        let far: Vec<String> = (0..5000).map(|i| format!("{near}{i}")).collect();
        assert!(closest(&near, far.iter().map(String::as_str)).is_some());
        assert!(
            t.elapsed() < std::time::Duration::from_secs(2),
            "{:?}",
            t.elapsed()
        );
    }

    #[test]
    fn distance_counts_transpositions_once() {
        assert_eq!(distance("ab", "ba"), 1);
        assert_eq!(distance("", "abc"), 3);
        assert_eq!(distance("kitten", "sitting"), 3);
    }
}
