pragma ComponentBehavior: Bound
import QtQuick
import Kiosk

// The only ways out of the fullscreen kiosk app: restart it, or exit to the desktop.
Column {
    id: section

    required property ExitSection controller
    required property JobRunner jobs
    required property TapGuard guard
    required property Theme theme

    readonly property real labelSize: theme.sizes.staffBody

    objectName: "staffSectionExit"
    spacing: theme.sizes.spacing

    StaffText {
        width: parent.width
        theme: section.theme
        size: "heading"
        text: "Restart the kiosk app"
    }
    StaffText {
        width: parent.width
        theme: section.theme
        text: "Closes the kiosk app and starts it again. The screen is empty for a few seconds."
    }
    KioskButton {
        objectName: "staffRestart"
        theme: section.theme
        guard: section.guard
        text: "Restart"
        fontSize: section.labelSize
        enabled: !section.jobs.busy
        onActivated: section.controller.ask("restart")
    }

    StaffText {
        width: parent.width
        theme: section.theme
        size: "heading"
        spaced: true
        text: "Exit to desktop"
    }
    StaffText {
        width: parent.width
        theme: section.theme
        text: "Closes the kiosk app and shows the computer's desktop, for maintenance. "
            + "Patients cannot use the kiosk until it is started again."
    }
    KioskButton {
        objectName: "staffExitDesktop"
        theme: section.theme
        guard: section.guard
        text: "Exit to desktop"
        fontSize: section.labelSize
        enabled: !section.jobs.busy
        onActivated: section.controller.ask("exit")
    }

    StaffConfirm {
        width: parent.width
        theme: section.theme
        guard: section.guard
        question: section.controller.confirming === "restart"
            ? "Restart the kiosk app now?"
            : section.controller.confirming === "exit"
                ? "Close the kiosk app and show the desktop?" : ""
        yesText: section.controller.confirming === "exit" ? "Yes, exit to desktop" : "Yes, restart"
        onYes: section.controller.confirm()
        onNo: section.controller.cancel()
    }
}
