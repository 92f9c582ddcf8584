//! Table tests of the feed logic.
