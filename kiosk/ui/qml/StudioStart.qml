pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Dialogs
import QtQuick.Layouts
import Kiosk

// `kiosk studio` without a folder: start from a copy of the built-in content (in a new folder
// under Documents unless staff choose another), or open a folder edited before.
ApplicationWindow {
    id: root

    required property StudioStarter starter
    property string problem: ""

    width: 720
    height: 320
    visible: false
    title: "Kiosk content studio"

    // Unsaved changes kept from last time (a crash, a power cut): offered back first.
    ColumnLayout {
        anchors { fill: parent; margins: 20 }
        spacing: 12
        visible: root.starter.recovery !== ""
        Label {
            objectName: "recoveryQuestion"
            Layout.fillWidth: true
            wrapMode: Text.Wrap
            font.pixelSize: 18
            text: root.starter.recovery
        }
        Item { Layout.fillHeight: true }
        RowLayout {
            Layout.alignment: Qt.AlignRight
            Button {
                objectName: "recoveryDiscard"
                text: "Forget them"
                onClicked: root.problem = root.starter.answerRecovery(false)
            }
            Button {
                objectName: "recoveryRestore"
                text: "Restore them"
                highlighted: true
                onClicked: root.problem = root.starter.answerRecovery(true)
            }
        }
    }

    ColumnLayout {
        anchors { fill: parent; margins: 20 }
        spacing: 12
        visible: root.starter.recovery === ""
        Label {
            Layout.fillWidth: true
            wrapMode: Text.Wrap
            font.pixelSize: 18
            text: "Start from a copy of the content the kiosk comes with. Where should the copy go?"
        }
        RowLayout {
            Layout.fillWidth: true
            TextField {
                id: where
                objectName: "startFolder"
                Layout.fillWidth: true
                selectByMouse: true
                text: root.starter.defaultFolder
                Accessible.name: "Folder for the copy"
            }
            Button {
                text: "Choose..."
                onClicked: chooser.open()
            }
        }
        Label {
            objectName: "startProblem"
            Layout.fillWidth: true
            visible: root.problem !== ""
            color: "#a4000f"
            wrapMode: Text.Wrap
            text: root.problem
        }
        Item { Layout.fillHeight: true }
        RowLayout {
            Layout.alignment: Qt.AlignRight
            Button {
                objectName: "openExisting"
                text: "Open a folder edited before..."
                onClicked: existing.open()
            }
            Button {
                objectName: "startCopy"
                text: "Make the copy and start"
                highlighted: true
                onClicked: root.problem = root.starter.copyBuiltin(where.text)
            }
        }
    }

    FolderDialog {
        id: chooser
        title: "Where should the copy go?"
        onAccepted: where.text = root.starter.pathOf(selectedFolder) + "/Kiosk content"
    }
    FolderDialog {
        id: existing
        title: "Open a content folder"
        onAccepted: root.problem = root.starter.openFolder(root.starter.pathOf(selectedFolder))
    }
}
