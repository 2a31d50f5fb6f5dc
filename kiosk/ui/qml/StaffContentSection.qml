pragma ComponentBehavior: Bound
import QtQuick
import Kiosk

// What patients see now (the active bundle) and the way back to the bundle before it.
Column {
    id: section

    required property ContentSection controller
    required property KeysSection keys
    required property SettingsSection settings
    required property JobRunner jobs
    required property TapGuard guard
    required property Theme theme

    readonly property var active: controller.active
    readonly property string target: active.rollbackTarget || ""
    readonly property bool known: !active.loading && !active.problem

    objectName: "staffSectionContent"
    spacing: theme.sizes.spacing

    StaffText {
        objectName: "staffLocationNotSet"
        visible: text !== ""
        width: parent.width
        theme: section.theme
        problem: true
        text: section.settings.locationNote
    }

    StaffText {
        width: parent.width
        theme: section.theme
        size: "heading"
        text: "Showing now"
    }

    StaffCard {
        width: parent.width
        theme: section.theme

        StaffText {
            objectName: "staffActiveLoading"
            width: parent.width
            theme: section.theme
            muted: true
            visible: !!section.active.loading
            text: "One moment: checking the content patients see…"
        }
        StaffText {
            objectName: "staffActiveProblem"
            width: parent.width
            theme: section.theme
            problem: true
            visible: !!section.active.problem
            text: section.active.problem || ""
        }
        StaffText {
            objectName: "staffStorageProblem"
            width: parent.width
            theme: section.theme
            problem: true
            visible: !!section.active.storageProblem
            text: section.active.storageProblem || ""
        }
        StaffText {
            objectName: "staffActiveTitle"
            width: parent.width
            theme: section.theme
            size: "heading"
            visible: section.known
            text: section.active.title || ""
        }
        StaffText {
            objectName: "staffActiveVersion"
            width: parent.width
            theme: section.theme
            visible: section.known
            text: "Version " + section.active.version + " of " + section.active.id
                + " (" + section.active.pageCount + " pages)"
        }
        StaffText {
            objectName: "staffActiveSource"
            width: parent.width
            theme: section.theme
            visible: section.known
            text: section.active.source || ""
        }
        StaffText {
            objectName: "staffActiveSigner"
            width: parent.width
            theme: section.theme
            visible: section.known
            text: "Signed with key " + section.active.signer
        }
        StaffText {
            objectName: "staffActiveFallback"
            width: parent.width
            theme: section.theme
            problem: true
            visible: !!section.active.fallback
            text: section.active.fallback || ""
        }
        StaffText {
            objectName: "staffDrafts"
            width: parent.width
            theme: section.theme
            problem: section.active.draftCount > 0
            visible: !section.active.problem
            text: section.active.drafts || ""
        }
        StaffText {
            objectName: "staffReviewsDue"
            width: parent.width
            theme: section.theme
            visible: section.known
            problem: (section.active.reviewsDue || []).length > 0
            text: (section.active.reviewsDue || []).length > 0
                ? "Pages due for review:\n" + section.active.reviewsDue.join("\n")
                : "No page is due for review."
        }
    }

    StaffText {
        width: parent.width
        theme: section.theme
        size: "heading"
        spaced: true
        text: "Roll back"
    }
    StaffText {
        objectName: "staffRollbackText"
        width: parent.width
        theme: section.theme
        visible: section.known
        text: section.target !== ""
            ? "Roll back returns the kiosk to " + section.target + "."
            : "There is no earlier content to roll back to."
    }
    KioskButton {
        objectName: "staffRollBack"
        theme: section.theme
        guard: section.guard
        text: "Roll back"
        fontSize: section.theme.sizes.staffBody
        enabled: section.target !== "" && !section.jobs.busy
        onActivated: section.controller.ask()
    }
    StaffConfirm {
        width: parent.width
        theme: section.theme
        guard: section.guard
        question: section.controller.confirming
            ? "Roll back to " + section.target + "? Patients see it from the next start screen."
            : ""
        yesText: "Yes, roll back"
        onYes: section.controller.rollBack()
        onNo: section.controller.cancelRollback()
    }

    StaffKeysList {
        width: parent.width
        controller: section.keys
        jobs: section.jobs
        guard: section.guard
        theme: section.theme
    }
}
