pragma ComponentBehavior: Bound
import QtQuick
import Kiosk

// The keys this kiosk trusts bundles from, each with a way to stop trusting it (asked first).
Column {
    id: list

    required property KeysSection controller
    required property JobRunner jobs
    required property TapGuard guard
    required property Theme theme

    objectName: "staffKeys"
    spacing: theme.sizes.spacing

    StaffText {
        width: parent.width
        theme: list.theme
        size: "heading"
        spaced: true
        text: "Trusted keys"
    }
    StaffText {
        objectName: "staffKeysNone"
        width: parent.width
        theme: list.theme
        visible: list.controller.keys.length === 0
        text: "No key is trusted: only the built-in content can be shown."
    }
    Repeater {
        model: list.controller.keys

        StaffCard {
            id: row

            required property var modelData

            objectName: "staffKey-" + row.modelData.id
            width: list.width
            theme: list.theme

            StaffText {
                width: parent.width
                theme: list.theme
                font.bold: true
                text: "Key " + row.modelData.id
            }
            StaffText {
                objectName: "staffKeySigns-" + row.modelData.id
                width: parent.width
                theme: list.theme
                visible: row.modelData.signs !== ""
                text: row.modelData.signs
            }
            KioskButton {
                objectName: "staffUntrust-" + row.modelData.id
                theme: list.theme
                guard: list.guard
                text: "Stop trusting"
                fontSize: list.theme.sizes.staffBody
                enabled: !list.jobs.busy
                onActivated: list.controller.ask(row.modelData.id)
            }
        }
    }
    StaffConfirm {
        objectName: "staffUntrustConfirm"
        width: parent.width
        theme: list.theme
        guard: list.guard
        question: list.controller.question
        yesText: "Yes, stop trusting"
        onYes: list.controller.untrust()
        onNo: list.controller.cancelUntrust()
    }
}
