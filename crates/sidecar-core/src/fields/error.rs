//! Why an editor's input was refused, in words for a sales rep, always naming
//! the field by its label.

use std::fmt;

/// A refused input: which field, and what is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.message())]
pub struct FieldError {
    /// The field's label, as the user sees it.
    pub label: String,
    pub problem: Problem,
}

/// What is wrong with an input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    Required,
    /// At most `max` characters; the input has `actual`.
    TooLong {
        max: u32,
        actual: usize,
    },
    /// Not a number; `example` shows one this field takes, in the user's
    /// format (`1.250,00` in German).
    NotANumber {
        example: String,
    },
    NotAWholeNumber {
        example: String,
    },
    /// More than `digits` digits before the decimal point.
    TooLarge {
        digits: u32,
    },
    InvalidEmail,
    /// `example`: a date in the user's format.
    InvalidDate {
        example: String,
    },
    InvalidDateTime {
        example: String,
    },
    /// A two-digit year, which could mean two centuries.
    YearInFull {
        example: String,
    },
    /// An amount typed in another currency than the record's.
    OtherCurrency {
        typed: String,
        currency: String,
    },
    NotCheckboxState,
    InvalidId,
    /// An id of another kind of record than the lookup allows.
    WrongObject {
        expected: Vec<String>,
    },
    /// Not one of a restricted picklist's active values.
    NotAChoice {
        value: String,
    },
}

impl FieldError {
    pub(crate) fn new(label: &str, problem: Problem) -> Self {
        Self { label: label.to_owned(), problem }
    }

    /// The sentence to show under the editor.
    pub fn message(&self) -> String {
        let label = &self.label;
        match &self.problem {
            Problem::Required => format!("{label} is required"),
            Problem::TooLong { max, actual } => format!("{label}: at most {max} characters (this has {actual})"),
            Problem::NotANumber { example } => format!("{label}: enter a number like {example}"),
            Problem::NotAWholeNumber { example } => format!("{label}: enter a whole number like {example}"),
            Problem::TooLarge { digits } => {
                format!("{label}: this number is too large (at most {digits} digits before the decimal point)")
            }
            Problem::InvalidEmail => format!("{label}: this isn't a valid email address"),
            Problem::InvalidDate { example } => format!("{label}: enter a date like {example}"),
            Problem::InvalidDateTime { example } => format!("{label}: enter a date and time like {example}"),
            Problem::YearInFull { example } => format!("{label}: enter the year in full, like {example}"),
            Problem::OtherCurrency { typed, currency } => {
                format!("{label}: this amount is in {currency}; enter it without {typed}, or change the record's currency first")
            }
            Problem::NotCheckboxState => format!("{label}: choose checked or unchecked"),
            Problem::InvalidId => format!("{label}: this isn't a record id (15 or 18 letters and digits)"),
            Problem::WrongObject { expected } => format!("{label}: choose a record of type {}", Or(expected)),
            Problem::NotAChoice { value } => format!("{label}: \"{value}\" isn't one of the choices"),
        }
    }
}

/// `A`, `A or B`, `A, B or C`.
struct Or<'a>(&'a [String]);

impl fmt::Display for Or<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, item) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(if i + 1 == self.0.len() { " or " } else { ", " })?;
            }
            f.write_str(item)?;
        }
        Ok(())
    }
}
