pragma ComponentBehavior: Bound
import QtQuick
import Kiosk

// The second step of an action that cannot be taken back by accident (roll back, exit,
// restart): a question and two buttons, shown in place of a dialog.
StaffCard {
    id: confirm

    required property TapGuard guard
    property string question: ""
    property string yesText: "Yes"

    signal yes()
    signal no()

    objectName: "staffConfirm"
    tone: "problem"
    visible: question !== ""

    StaffText {
        objectName: "staffConfirmQuestion"
        width: parent.width
        theme: confirm.theme
        text: confirm.question
        font.bold: true
    }
    Flow {
        width: parent.width
        spacing: confirm.theme.sizes.spacing

        KioskButton {
            objectName: "staffConfirmYes"
            theme: confirm.theme
            guard: confirm.guard
            primary: true
            text: confirm.yesText
            fontSize: confirm.theme.sizes.staffBody
            onActivated: confirm.yes()
        }
        KioskButton {
            objectName: "staffConfirmNo"
            theme: confirm.theme
            guard: confirm.guard
            text: "Cancel"
            fontSize: confirm.theme.sizes.staffBody
            onActivated: confirm.no()
        }
    }
}
