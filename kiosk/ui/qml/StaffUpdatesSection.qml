pragma ComponentBehavior: Bound
import QtQuick
import Kiosk

// Updates from the practice's fleet repository (kiosk/staff_ui/updates_section.py): where they
// come from, the last check, what is offered against what is installed, and why the last check
// installed nothing. A USB stick holding the published repository is checked the same way.
Column {
    id: section

    required property UpdatesSection controller
    required property TapGuard guard
    required property Theme theme

    readonly property real labelSize: theme.sizes.staffBody

    objectName: "staffSectionUpdates"
    spacing: theme.sizes.spacing

    Component.onCompleted: section.controller.refresh()

    StaffText {
        width: parent.width
        theme: section.theme
        size: "heading"
        text: "Updates"
    }
    StaffText {
        objectName: "updatesNotJoined"
        width: parent.width
        theme: section.theme
        visible: !section.controller.joined
        text: "This kiosk does not take updates from the practice's content team yet. "
            + "Join it from a USB drive holding the published repository, or ask the person who "
            + "set up this kiosk to join it to the practice's updates."
    }
    StaffText {
        objectName: "updatesJoinProblem"
        width: parent.width
        theme: section.theme
        problem: true
        visible: !section.controller.joined && section.controller.joinProblem !== ""
        text: section.controller.joinProblem
    }
    Repeater {
        model: section.controller.joined ? [] : section.controller.sticks
        delegate: KioskButton {
            id: joinButton
            required property var modelData
            required property int index
            objectName: "updatesJoin-" + joinButton.index
            theme: section.theme
            guard: section.guard
            enabled: !section.controller.checking
            text: "Take updates from " + joinButton.modelData.label
            fontSize: section.labelSize
            onActivated: section.controller.joinFrom(joinButton.modelData.folder)
        }
    }

    StaffCard {
        width: parent.width
        theme: section.theme
        visible: section.controller.joined

        StaffText {
            objectName: "updatesSource"
            width: parent.width
            theme: section.theme
            text: "From: " + section.controller.source
                + " (checked about every " + section.controller.everyMinutes + " minutes)"
        }
        StaffText {
            objectName: "updatesLastCheck"
            width: parent.width
            theme: section.theme
            text: "Last check: " + section.controller.lastCheck
                + ". Last successful check: " + section.controller.lastSuccess + "."
        }
        StaffText {
            objectName: "updatesOffered"
            width: parent.width
            theme: section.theme
            text: "Offered: " + section.controller.offered
        }
        StaffText {
            objectName: "updatesInstalled"
            width: parent.width
            theme: section.theme
            text: "Installed: " + section.controller.installed
        }
        StaffText {
            width: parent.width
            theme: section.theme
            muted: true
            size: "small"
            text: "Trusted key fingerprint: " + section.controller.fingerprint
        }
    }

    StaffCard {
        objectName: "updatesRefusalCard"
        width: parent.width
        theme: section.theme
        tone: "problem"
        visible: section.controller.joined && section.controller.refusal !== ""

        StaffText {
            objectName: "updatesRefusal"
            width: parent.width
            theme: section.theme
            problem: true
            text: section.controller.refusal
        }
    }

    KioskButton {
        objectName: "updatesCheckNow"
        theme: section.theme
        guard: section.guard
        primary: true
        visible: section.controller.joined
        enabled: !section.controller.checking
        text: section.controller.checking ? "Checking…" : "Check for updates now"
        fontSize: section.labelSize
        onActivated: section.controller.checkNow()
    }

    Repeater {
        model: section.controller.joined ? section.controller.sticks : []
        delegate: KioskButton {
            id: stickButton
            required property var modelData
            required property int index
            objectName: "updatesFromStick-" + stickButton.index
            theme: section.theme
            guard: section.guard
            enabled: !section.controller.checking
            text: "Update from " + stickButton.modelData.label
            fontSize: section.labelSize
            onActivated: section.controller.updateFrom(stickButton.modelData.folder)
        }
    }
}
