//! Keeping the selected row in view: the one rule the tree, the search results and the
//! look-alike picker share.

/// The first row to show so that row `selected` is in view in `height` screen rows, when every
/// row takes one screen row. See [`scroll_to_show_rows`].
pub fn scroll_to_show(offset: usize, selected: usize, height: usize) -> usize {
    scroll_to_show_rows(offset, selected, height, |_| 1)
}

/// The first row to show so that row `selected` is in view in `height` screen rows, row `i`
/// taking `row_height(i)` of them: `offset` when the selection is already in view, else moved
/// as little as possible (up to the selection, or down until it fits at the bottom). A row
/// taller than the pane is shown from its top.
pub fn scroll_to_show_rows(
    offset: usize,
    selected: usize,
    height: usize,
    row_height: impl Fn(usize) -> usize,
) -> usize {
    if selected <= offset {
        return selected;
    }
    let mut start = offset;
    let mut used: usize = (offset..=selected).map(&row_height).sum();
    while used > height && start < selected {
        used -= row_height(start);
        start += 1;
    }
    start
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_selection_in_view_keeps_the_offset() {
        assert_eq!(scroll_to_show(5, 5, 4), 5);
        assert_eq!(scroll_to_show(5, 8, 4), 5);
    }

    #[test]
    fn above_the_view_it_becomes_the_first_row() {
        assert_eq!(scroll_to_show(5, 2, 4), 2);
        assert_eq!(scroll_to_show(5, 0, 0), 0);
    }

    #[test]
    fn below_the_view_it_becomes_the_last_row() {
        assert_eq!(scroll_to_show(5, 9, 4), 6);
        assert_eq!(scroll_to_show(0, 20, 5), 16);
    }

    #[test]
    fn rows_of_several_lines_count_their_lines() {
        let heights = [1, 3, 2, 2, 1];
        let h = |i: usize| heights[i];
        // Rows 2..=4 take 5 lines: the earliest start that shows row 4 in 5 lines.
        assert_eq!(scroll_to_show_rows(0, 4, 5, h), 2);
        assert_eq!(scroll_to_show_rows(0, 4, 4, h), 3);
        // Already in view.
        assert_eq!(scroll_to_show_rows(0, 1, 4, h), 0);
        // Taller than the pane: shown from its top.
        assert_eq!(scroll_to_show_rows(0, 1, 2, h), 1);
    }

    #[test]
    fn an_empty_pane_puts_the_selection_first() {
        assert_eq!(scroll_to_show(2, 7, 0), 7);
    }
}
