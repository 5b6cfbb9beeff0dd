//! The rules of a case's life, with no I/O: which status may follow which, and who may see
//! or change a case. Handlers ask these before touching the database.

use crate::auth::Role;
use crate::domain::CaseStatus;

/// The statuses a case may move to from `from`.
///
/// `new → assigned` happens only by taking the case (it needs a navigator); from then on a
/// case is worked (`in_progress`), may wait on the resident or on a program it was referred
/// to, and is resolved and finally closed. A resolved or closed case may be reopened.
pub fn allowed_next(from: CaseStatus) -> &'static [CaseStatus] {
    use CaseStatus::*;
    match from {
        New => &[Assigned],
        Assigned => &[InProgress],
        InProgress => &[WaitingOnResident, Referred, Resolved],
        WaitingOnResident | Referred => &[InProgress, Resolved],
        Resolved => &[Closed, InProgress],
        Closed => &[InProgress],
    }
}

pub fn can_move(from: CaseStatus, to: CaseStatus) -> bool {
    allowed_next(from).contains(&to)
}

/// What the status form offers: every allowed next status except `assigned`, which only
/// taking the case sets.
pub fn status_choices(from: CaseStatus) -> impl Iterator<Item = CaseStatus> {
    allowed_next(from)
        .iter()
        .copied()
        .filter(|s| *s != CaseStatus::Assigned)
}

/// What the contact form offers as the status a contact leads to: the status form's choices
/// but closing, which goes with the outcome and a reason.
pub fn contact_status_choices(from: CaseStatus) -> impl Iterator<Item = CaseStatus> {
    status_choices(from).filter(|s| *s != CaseStatus::Closed)
}

/// The moves that close a case from `from` with its outcome: a case still being worked is
/// resolved on the way (so it has a resolved time, as the reports expect); `None` when it
/// cannot be closed from there (not yet worked, or closed already).
pub fn closing_path(from: CaseStatus) -> Option<&'static [CaseStatus]> {
    use CaseStatus::*;
    if can_move(from, Closed) {
        Some(&[Closed])
    } else if can_move(from, Resolved) {
        Some(&[Resolved, Closed])
    } else {
        None
    }
}

/// Whether a case still waits for work (shown in caseloads).
pub fn is_open(status: CaseStatus) -> bool {
    !matches!(status, CaseStatus::Resolved | CaseStatus::Closed)
}

/// What a staff member may do with one case.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    /// Not even that it exists: answer 404.
    None,
    /// An unassigned new case a navigator may read and take.
    Take,
    /// Read, add notes, change status.
    Full,
}

/// A navigator works only on cases assigned to their navigator row, and sees new unassigned
/// cases so they can take them; supervisors and admins see and act on every case.
/// `my_navigator` is the user's navigator row, if they have one.
pub fn access(
    role: Role,
    my_navigator: Option<i64>,
    case_navigator: Option<i64>,
    status: CaseStatus,
) -> Access {
    match role {
        Role::Supervisor | Role::Admin => Access::Full,
        Role::Navigator => match (my_navigator, case_navigator) {
            (Some(mine), Some(theirs)) if mine == theirs => Access::Full,
            (Some(_), None) if status == CaseStatus::New => Access::Take,
            _ => Access::None,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use CaseStatus::*;

    #[test]
    fn closing_with_the_outcome_resolves_on_the_way() {
        let table: [(CaseStatus, Option<&[CaseStatus]>); 7] = [
            (New, None),
            (Assigned, None),
            (InProgress, Some(&[Resolved, Closed])),
            (WaitingOnResident, Some(&[Resolved, Closed])),
            (Referred, Some(&[Resolved, Closed])),
            (Resolved, Some(&[Closed])),
            (Closed, None),
        ];
        for (from, path) in table {
            assert_eq!(closing_path(from), path, "{from}");
        }
        assert!(!contact_status_choices(Resolved).any(|s| s == Closed));
        assert!(contact_status_choices(Closed).any(|s| s == InProgress));
    }

    #[test]
    fn transitions_follow_the_table() {
        // (from, to, allowed)
        let table = [
            (New, Assigned, true),
            (New, InProgress, false),
            (New, Resolved, false),
            (Assigned, InProgress, true),
            (Assigned, Resolved, false),
            (Assigned, New, false),
            (InProgress, WaitingOnResident, true),
            (InProgress, Referred, true),
            (InProgress, Resolved, true),
            (InProgress, Closed, false),
            (InProgress, New, false),
            (WaitingOnResident, InProgress, true),
            (WaitingOnResident, Resolved, true),
            (WaitingOnResident, Referred, false),
            (Referred, InProgress, true),
            (Referred, Resolved, true),
            (Referred, Closed, false),
            (Resolved, Closed, true),
            (Resolved, InProgress, true),
            (Resolved, New, false),
            (Closed, InProgress, true),
            (Closed, Resolved, false),
            (Closed, Assigned, false),
        ];
        for (from, to, want) in table {
            assert_eq!(can_move(from, to), want, "{from} -> {to}");
        }
        for status in CaseStatus::ALL {
            assert!(!can_move(*status, *status), "{status} -> itself");
        }
    }

    #[test]
    fn the_status_form_never_offers_assigned() {
        assert_eq!(status_choices(New).count(), 0);
        assert_eq!(status_choices(Assigned).collect::<Vec<_>>(), [InProgress]);
        assert_eq!(
            status_choices(Resolved).collect::<Vec<_>>(),
            [Closed, InProgress]
        );
    }

    #[test]
    fn who_may_see_a_case() {
        let table = [
            // (role, my navigator row, case's navigator, status, access)
            (Role::Navigator, Some(1), Some(1), InProgress, Access::Full),
            (Role::Navigator, Some(1), Some(1), Closed, Access::Full),
            (Role::Navigator, Some(1), Some(2), InProgress, Access::None),
            (Role::Navigator, Some(1), Some(2), New, Access::None),
            (Role::Navigator, Some(1), None, New, Access::Take),
            (Role::Navigator, Some(1), None, Closed, Access::None),
            (Role::Navigator, None, None, New, Access::None),
            (Role::Navigator, None, Some(2), Assigned, Access::None),
            (Role::Supervisor, None, Some(2), InProgress, Access::Full),
            (Role::Supervisor, None, None, New, Access::Full),
            (Role::Admin, None, Some(2), Closed, Access::Full),
        ];
        for (role, mine, theirs, status, want) in table {
            assert_eq!(
                access(role, mine, theirs, status),
                want,
                "{role:?} nav {mine:?} case nav {theirs:?} {status}"
            );
        }
    }

    #[test]
    fn open_means_not_resolved_or_closed() {
        let open: Vec<_> = CaseStatus::ALL
            .iter()
            .copied()
            .filter(|s| is_open(*s))
            .collect();
        assert_eq!(
            open,
            [New, Assigned, InProgress, WaitingOnResident, Referred]
        );
    }
}
