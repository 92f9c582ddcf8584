//! The instruction box as one reducer: the yew component renders
//! [`BoxState`] and performs the requests its actions report on (reading
//! the record and finding lookups for the preview, the save, the undo).
//!
//! Enter previews what the text says; Enter again, on the same text,
//! saves it. Typing after a preview takes it away (it no longer says what
//! the text says). ↑ and ↓ walk the instructions given earlier in this
//! panel (kept in memory only: instruction text is never stored).

use super::preview::Preview;
use super::save::Applied;
use crate::fields::EditContext;
use crate::load::Load;

/// Earlier instructions kept for ↑.
pub const HISTORY: usize = 50;

/// Saved instructions that can be undone, newest last.
pub const UNDO: usize = 20;

/// A line under the box after a save or an undo.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    pub text: String,
    pub failed: bool,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct BoxState {
    pub text: String,
    /// The preview of `previewed` (the text it was made from), asked for
    /// as the `asked`-th (a late answer to an earlier ask is dropped).
    pub preview: Load<Preview>,
    pub previewed: String,
    pub asked: u64,
    pub saving: bool,
    /// The text being saved (kept for ↑ once saved).
    pub saving_text: String,
    pub note: Option<Note>,
    pub done: Vec<Applied>,
    pub history: Vec<String>,
    /// Where ↑ is in `history` (from the newest).
    pub recall: Option<usize>,
    /// The box has stayed empty since the last save or undo: Ctrl+Z there
    /// undoes it (typed text, even erased, keeps the browser's own undo).
    pub undo_ready: bool,
    /// The user's formats, for the preview's edits.
    pub ctx: EditContext,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    Text(String),
    /// ↑ (`true`) or ↓ in the box.
    Recall(bool),
    /// A preview of this text is asked for (the `asked`-th).
    PreviewStarted(String),
    /// The answer to the `asked`-th (dropped unless it is still the one awaited).
    Previewed(u64, Result<Preview, String>),
    /// What the preview was made over changed (the Workspace's selection).
    Stale,
    Context(EditContext),
    /// The rep typed a new value for the preview's row.
    Edit(usize, String),
    Choose(usize, usize),
    DropRow(usize),
    DropNew(usize),
    /// The preview of this text is being saved.
    Saving(String),
    /// Saved: what to undo, and the words to show.
    Saved(Applied, String),
    /// Not saved; the text and its preview stay (the preview is read again
    /// when `stale`: the record changed meanwhile).
    SaveFailed {
        message: String,
        stale: bool,
    },
    Undoing,
    Undone(Result<String, String>),
}

impl BoxState {
    pub fn with_history(history: Vec<String>) -> Self {
        Self { history, ..Self::default() }
    }

    /// Whether Enter saves (a preview of this very text, ready) rather than previews.
    pub fn enter_saves(&self) -> bool {
        !self.saving && !self.text.trim().is_empty() && self.previewed == self.text && matches!(&self.preview, Load::Loaded(p) if p.ready())
    }

    /// Whether Ctrl+Z in the box undoes the last saved instruction.
    pub fn undoes(&self) -> bool {
        self.undo_ready && self.text.is_empty() && !self.saving && !self.done.is_empty()
    }

    pub fn apply(&mut self, action: Action) {
        match action {
            Action::Text(text) => {
                if text != self.previewed {
                    self.preview = Load::Idle;
                }
                self.text = text;
                self.recall = None;
                self.note = None;
                self.undo_ready = false;
            }
            Action::Recall(up) => {
                let len = self.history.len();
                let next = match (self.recall, up) {
                    (None, true) if len > 0 => Some(0),
                    (Some(i), true) if i + 1 < len => Some(i + 1),
                    (Some(i), true) => Some(i),
                    (Some(0), false) | (None, false) => None,
                    (Some(i), false) => Some(i - 1),
                    (None, true) => None,
                };
                if next.is_none() && self.recall.is_some() {
                    self.text.clear();
                }
                if let Some(i) = next {
                    self.text = self.history[len - 1 - i].clone();
                }
                self.recall = next;
                self.preview = Load::Idle;
            }
            Action::PreviewStarted(text) => {
                if self.saving {
                    return;
                }
                self.asked += 1;
                self.previewed = text;
                self.preview = Load::Loading;
                self.note = None;
            }
            Action::Previewed(asked, result) => {
                if asked == self.asked && self.preview == Load::Loading {
                    self.preview = Load::from(result);
                }
            }
            Action::Stale => {
                if !self.saving {
                    self.preview = Load::Idle;
                    self.previewed.clear();
                }
            }
            Action::Context(ctx) => self.ctx = ctx,
            Action::Edit(i, text) => {
                let ctx = self.ctx.clone();
                self.with_preview(|p| p.edit(i, &text, &ctx));
            }
            Action::Choose(i, choice) => self.with_preview(|p| p.choose(i, choice)),
            Action::DropRow(i) => self.with_preview(|p| p.drop_row(i)),
            Action::DropNew(i) => self.with_preview(|p| p.drop_new(i)),
            Action::Saving(text) => {
                self.saving = true;
                self.saving_text = text;
            }
            Action::Saved(applied, words) => {
                self.saving = false;
                let text = std::mem::take(&mut self.saving_text);
                if self.previewed == text {
                    self.previewed.clear();
                }
                if self.text == text {
                    self.text.clear();
                    self.undo_ready = true;
                }
                self.recall = None;
                self.history.retain(|h| *h != text);
                self.history.push(text);
                if self.history.len() > HISTORY {
                    self.history.remove(0);
                }
                self.done.push(applied);
                if self.done.len() > UNDO {
                    self.done.remove(0);
                }
                self.preview = Load::Idle;
                self.note = Some(Note { text: words, failed: false });
            }
            Action::SaveFailed { message, stale } => {
                self.saving = false;
                if stale {
                    self.preview = Load::Idle;
                    self.previewed.clear();
                }
                self.note = Some(Note { text: message, failed: true });
            }
            Action::Undoing => {
                self.saving = true;
                self.saving_text.clear();
            }
            Action::Undone(result) => {
                self.saving = false;
                let failed = result.is_err();
                if !failed {
                    self.done.pop();
                    self.undo_ready = self.text.is_empty();
                }
                self.note = Some(Note { text: result.unwrap_or_else(|e| e), failed });
            }
        }
    }

    fn with_preview(&mut self, f: impl FnOnce(&mut Preview)) {
        if let Load::Loaded(preview) = &mut self.preview {
            f(preview);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edits::Change;

    fn applied() -> Applied {
        Applied { change: Change { object: "Opportunity".into(), edits: vec![] }, created: vec![] }
    }

    #[test]
    fn up_and_down_walk_earlier_instructions() {
        let mut state = BoxState::with_history(vec!["stage negotiation".into(), "amount 50k".into()]);
        state.apply(Action::Recall(true));
        assert_eq!(state.text, "amount 50k");
        state.apply(Action::Recall(true));
        assert_eq!(state.text, "stage negotiation");
        state.apply(Action::Recall(true));
        assert_eq!(state.text, "stage negotiation");
        state.apply(Action::Recall(false));
        assert_eq!(state.text, "amount 50k");
        state.apply(Action::Recall(false));
        assert_eq!((state.text.as_str(), state.recall), ("", None));
    }

    #[test]
    fn text_typed_while_saving_stays() {
        let mut state = BoxState::default();
        state.apply(Action::Text("stage negotiation".into()));
        state.apply(Action::PreviewStarted("stage negotiation".into()));
        state.apply(Action::Saving("stage negotiation".into()));
        state.apply(Action::Text("amount 5".into()));
        state.apply(Action::PreviewStarted("amount 5".into()));
        state.apply(Action::Saved(applied(), "Saved.".into()));
        assert_eq!((state.text.as_str(), state.history.as_slice()), ("amount 5", &["stage negotiation".to_owned()][..]));
        assert!(!state.undoes());
    }

    #[test]
    fn a_save_keeps_the_instruction_for_recall_and_undo() {
        let mut state = BoxState::default();
        state.apply(Action::Text("stage negotiation".into()));
        state.apply(Action::PreviewStarted("stage negotiation".into()));
        state.apply(Action::Saving("stage negotiation".into()));
        assert!(!state.enter_saves(), "not twice");
        // No new preview while saving.
        state.apply(Action::PreviewStarted("stage negotiation".into()));
        assert_eq!(state.asked, 1);
        state.apply(Action::Saved(applied(), "Saved.".into()));
        assert_eq!((state.text.as_str(), state.history.as_slice(), state.done.len()), ("", &["stage negotiation".to_owned()][..], 1));
        assert!(!state.enter_saves());
        assert!(state.undoes());
        // A preview answered late (the text was saved meanwhile) is dropped.
        state.apply(Action::Previewed(1, Err("late".into())));
        assert_eq!(state.preview, Load::Idle);
        // Typing, even erased, gives Ctrl+Z back to the text.
        state.apply(Action::Text("x".into()));
        state.apply(Action::Text(String::new()));
        assert!(!state.undoes());
        // A failed undo keeps it to undo again; a done one takes it off.
        state.apply(Action::Undone(Err("Not undone.".into())));
        assert_eq!(state.done.len(), 1);
        state.apply(Action::Undone(Ok("Undone.".into())));
        assert_eq!(state.done.len(), 0);
        // A preview of text since changed is dropped; so is one made stale.
        state.apply(Action::Text("amount 5".into()));
        state.apply(Action::PreviewStarted("amount 5".into()));
        state.apply(Action::Text("amount 6".into()));
        state.apply(Action::Previewed(state.asked, Err("old".into())));
        assert_eq!(state.preview, Load::Idle);
        // An answer to an earlier ask of the same text (made stale since) too.
        state.apply(Action::Text("amount 5".into()));
        state.apply(Action::PreviewStarted("amount 5".into()));
        let first = state.asked;
        state.apply(Action::Stale);
        state.apply(Action::PreviewStarted("amount 5".into()));
        state.apply(Action::Previewed(first, Err("over the old selection".into())));
        assert_eq!(state.preview, Load::Loading);
        // A stale preview is dropped, the text kept.
        state.apply(Action::Text("amount 5".into()));
        state.apply(Action::SaveFailed { message: "changed".into(), stale: true });
        assert_eq!((state.text.as_str(), &state.preview), ("amount 5", &Load::Idle));
    }
}
