//! Table tests of the To Do logic.
