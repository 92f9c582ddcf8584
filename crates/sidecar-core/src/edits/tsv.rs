//! Blocks of cells as spreadsheets put them on the clipboard (`text/plain`):
//! cells separated by tabs, rows by line breaks (`\r\n` from Excel, `\n`
//! from Google Sheets), and a cell holding a tab, a line break or a quote
//! written in double quotes with its quotes doubled. Excel ends the block
//! with a line break; that does not make an empty last row.
//!
//! [`parse`] reads such text; [`write`] writes a selection the same way, so
//! a copy from the grid pastes into Excel and back unchanged. The grid turns
//! a pasted block into typed cell values with `workspace::paste`.

/// The rows of cells in `text`. A quote opens a quoted cell only at the
/// start of a cell, and only when a closing quote ends the cell; anything
/// else is read as written (a stray quote in text typed elsewhere).
pub fn parse(text: &str) -> Vec<Vec<String>> {
    let text = text.strip_suffix("\r\n").or_else(|| text.strip_suffix('\n')).unwrap_or(text);
    if text.is_empty() {
        return Vec::new();
    }
    let mut rows = vec![Vec::new()];
    let mut rest = text;
    loop {
        let (cell, after) = quoted_cell(rest).unwrap_or_else(|| plain_cell(rest));
        if let Some(row) = rows.last_mut() {
            row.push(cell);
        }
        if let Some(next) = after.strip_prefix('\t') {
            rest = next;
        } else if let Some(next) = after.strip_prefix("\r\n").or_else(|| after.strip_prefix('\n')).or_else(|| after.strip_prefix('\r')) {
            rows.push(Vec::new());
            rest = next;
        } else {
            break;
        }
    }
    rows
}

/// A cell up to the next tab or line break, as written.
fn plain_cell(text: &str) -> (String, &str) {
    let end = text.find(['\t', '\n', '\r']).unwrap_or(text.len());
    (text[..end].to_owned(), &text[end..])
}

/// A cell in quotes: `"a ""b""\tc"` is `a "b"<tab>c`. `None` unless the
/// text starts with a quote and a closing quote is followed by the end of
/// the cell.
fn quoted_cell(text: &str) -> Option<(String, &str)> {
    let mut chars = text.strip_prefix('"')?.char_indices();
    let mut cell = String::new();
    while let Some((i, c)) = chars.next() {
        if c != '"' {
            cell.push(c);
            continue;
        }
        let after = &text[1 + i + 1..];
        if after.starts_with('"') {
            cell.push('"');
            chars.next();
        } else if after.is_empty() || after.starts_with(['\t', '\n', '\r']) {
            return Some((cell, after));
        } else {
            return None;
        }
    }
    None
}

/// `rows` as clipboard text: tabs between cells, `\r\n` after each row (as
/// Excel writes it), quotes around cells that need them.
pub fn write(rows: &[Vec<String>]) -> String {
    let mut out = String::new();
    for row in rows {
        let cells: Vec<String> = row.iter().map(|cell| quote(cell)).collect();
        out.push_str(&cells.join("\t"));
        out.push_str("\r\n");
    }
    out
}

fn quote(cell: &str) -> String {
    if cell.contains(['\t', '\n', '\r', '"']) { format!("\"{}\"", cell.replace('"', "\"\"")) } else { cell.to_owned() }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(rows: &[&[&str]]) -> Vec<Vec<String>> {
        rows.iter().map(|r| r.iter().map(|c| (*c).to_owned()).collect()).collect()
    }

    #[test]
    fn reading_clipboard_text() {
        let cases: Vec<(&str, Vec<Vec<String>>)> = vec![
            ("", vec![]),
            ("\r\n", vec![]),
            ("Acme", cells(&[&["Acme"]])),
            // Excel: CRLF after every row, including the last.
            ("Acme\t1200\r\nGlobex\t900\r\n", cells(&[&["Acme", "1200"], &["Globex", "900"]])),
            // Google Sheets: LF, no final line break.
            ("Acme\t1200\nGlobex\t900", cells(&[&["Acme", "1200"], &["Globex", "900"]])),
            // Empty cells keep their places.
            ("\t\tx\n\t\t", cells(&[&["", "", "x"], &["", "", ""]])),
            // A quoted cell may hold tabs, line breaks and doubled quotes.
            ("\"a\tb\"\tc\r\n\"line 1\nline 2\"\td", cells(&[&["a\tb", "c"], &["line 1\nline 2", "d"]])),
            ("\"say \"\"hi\"\"\"\tx", cells(&[&["say \"hi\"", "x"]])),
            ("\"\"\tx", cells(&[&["", "x"]])),
            // A stray quote is text as written.
            ("5\" screen\tx", cells(&[&["5\" screen", "x"]])),
            ("\"Hi\" he said\tx", cells(&[&["\"Hi\" he said", "x"]])),
            ("\"unclosed\tx", cells(&[&["\"unclosed", "x"]])),
            // Old Mac line breaks.
            ("a\rb", cells(&[&["a"], &["b"]])),
            // Only one final line break is dropped: an empty row stays.
            ("a\n\n", cells(&[&["a"], &[""]])),
        ];
        for (text, want) in cases {
            assert_eq!(parse(text), want, "{text:?}");
        }
    }

    #[test]
    fn writing_reads_back_the_same() {
        let blocks =
            [cells(&[&["Acme", "1,200.00"], &["Globex", ""]]), cells(&[&["a\tb", "say \"hi\""], &["line 1\nline 2", "\r"]]), cells(&[&["\"Hi\" he said"]])];
        for block in blocks {
            assert_eq!(parse(&write(&block)), block, "{block:?}");
        }
        assert_eq!(write(&cells(&[&["a", "b\tc"]])), "a\t\"b\tc\"\r\n");
    }
}
