//! My Feed's screen reducer: each row a state, an action, and what the
//! user sees after it (alerts shown, page count, filters, the Refresh
//! prompt, what is to be stored).

use std::rc::Rc;

use super::*;
use crate::feed::screen::{Action, Feed};
use crate::feed::seen::SeenState;
use crate::feed::view::{Dismissed, FeedView};
use crate::load::Load;

/// `n` visits, `a00` the newest, a minute apart.
fn many(n: usize) -> Vec<Alert> {
    (0..n).map(|i| alert(&format!("a{i:02}"), Kind::Visit, (i as i64 + 1) * MINUTE)).collect()
}

/// `n` alerts (`many`), every other one an open, loaded for user 005A.
fn loaded(n: usize) -> Feed {
    let mut list = many(n);
    for a in list.iter_mut().step_by(2) {
        a.kind = Kind::Open;
    }
    Feed { user_id: "005A".into(), alerts: Load::Loaded(Rc::new(list)), ..Feed::default() }
}

fn with_view(mut screen: Feed, kinds: &[Kind], oldest_first: bool, pages: usize) -> Feed {
    screen.view = FeedView { kinds: kinds.iter().copied().collect(), oldest_first, pages };
    screen
}

/// What a row checks: (shown count, more left, first shown key, pages, Refresh prompt, saw, dismissals).
type Seen = (usize, bool, &'static str, usize, bool, u64, u64);

/// `Seen`, with the first key owned.
type Observed = (usize, bool, String, usize, bool, u64, u64);

fn observe(s: &Feed) -> Observed {
    let (list, more) = s.shown();
    let first = list.first().map_or(String::new(), |a| a.key.clone());
    (list.len(), more, first, s.view.pages, s.fresh.is_some(), s.saw, s.dismissals)
}

#[test]
fn screen_transitions_table() {
    let a = many(40);
    let cases: Vec<(&str, Feed, Action, Seen)> = vec![
        ("loading shows nothing", Feed::default(), Action::More, (0, false, "", 1, false, 0, 0)),
        ("loaded: the first page, seen", Feed::default(), Action::Loaded(Ok(many(40))), (15, true, "a00", 1, false, 1, 0)),
        ("failed: nothing shown, nothing seen", Feed::default(), Action::Loaded(Err("offline".into())), (0, false, "", 1, false, 0, 0)),
        ("the bottom: a second page", loaded(40), Action::More, (30, true, "a00", 2, false, 0, 0)),
        // The paging bug: the third page follows the second (it stayed at 2).
        ("the bottom again: a third page", with_view(loaded(40), &[], false, 2), Action::More, (40, false, "a00", 3, false, 0, 0)),
        ("the bottom with nothing left: no page added", with_view(loaded(40), &[], false, 3), Action::More, (40, false, "a00", 3, false, 0, 0)),
        // The filter bug: paging keeps the filter and the order chosen after the first render.
        ("paging keeps the filter", with_view(loaded(40), &[Kind::Open], false, 1), Action::More, (20, false, "a00", 2, false, 0, 0)),
        ("paging keeps the order", with_view(loaded(40), &[], true, 1), Action::More, (30, true, "a39", 2, false, 0, 0)),
        ("a filter starts at the first page", with_view(loaded(40), &[], false, 3), Action::ToggleKind(Kind::Visit), (15, true, "a01", 1, false, 0, 0)),
        ("a filter off again", with_view(loaded(40), &[Kind::Visit], false, 2), Action::ToggleKind(Kind::Visit), (15, true, "a00", 1, false, 0, 0)),
        ("oldest first starts at the first page", with_view(loaded(40), &[], false, 2), Action::OldestFirst(true), (15, true, "a39", 1, false, 0, 0)),
        (
            "a poll with nothing new: no prompt",
            loaded(40),
            Action::Polled(loaded(40).alerts.value().map(|l| l.to_vec()).unwrap_or_default()),
            (15, true, "a00", 1, false, 0, 0),
        ),
        (
            "a poll with a new alert: the prompt, the list stays put",
            loaded(3),
            Action::Polled(vec![alert("new", Kind::Reply, 0), a[0].clone()]),
            (3, false, "a00", 1, true, 0, 0),
        ),
        ("a poll while loading: news", Feed::default(), Action::Polled(many(2)), (0, false, "", 1, true, 0, 0)),
        (
            "Refresh: the poll's alerts from the first page, seen",
            Feed { fresh: Some(Rc::new(vec![alert("new", Kind::Reply, 0)])), ..with_view(loaded(40), &[], false, 3) },
            Action::ApplyFresh,
            (1, false, "new", 1, false, 1, 0),
        ),
        ("Refresh with no prompt: nothing", loaded(40), Action::ApplyFresh, (15, true, "a00", 1, false, 0, 0)),
        ("dismiss: gone, to be stored", loaded(40), Action::Dismiss(a[0].clone()), (15, true, "a01", 1, false, 0, 1)),
    ];
    for (case, mut screen, action, want) in cases {
        screen.apply(action);
        let (len, more, first, pages, prompt, saw, dismissals) = want;
        assert_eq!(observe(&screen), (len, more, first.to_owned(), pages, prompt, saw, dismissals), "{case}");
    }
}

#[test]
fn loading_marks_the_alerts_seen_and_keeps_the_stored_state() {
    let mut gone = Dismissed::default();
    let list = many(3);
    gone.dismiss(&list[1]);
    let mut screen = Feed::default();
    screen.apply(Action::User { id: "005A".into(), dismissed: gone.clone(), seen: SeenState { seen_until: 1, notified_until: 1 } });
    assert_eq!((screen.user_id.as_str(), screen.saw), ("005A", 0), "storage read: nothing seen yet");
    screen.apply(Action::Loaded(Ok(list.clone())));
    assert_eq!(screen.seen.seen_until, list[0].at_millis(), "the newest alert is seen");
    assert_eq!(screen.dismissed, gone);
    assert_eq!(super::keys(&screen.shown().0), ["a00", "a02"], "the dismissed one is left out");
    assert!(matches!(screen.alerts, Load::Loaded(_)));
    screen.apply(Action::Loaded(Err("offline".into())));
    assert_eq!(screen.alerts, Load::Failed("offline".into()));
}

#[test]
fn scrolling_pages_through_everything_one_page_at_a_time() {
    let mut screen = loaded(50);
    let mut counts = vec![screen.shown().0.len()];
    for _ in 0..5 {
        screen.apply(Action::More);
        counts.push(screen.shown().0.len());
    }
    assert_eq!(counts, [15, 30, 45, 50, 50, 50]);
}
