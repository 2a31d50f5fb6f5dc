pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Dialogs
import QtQuick.Layouts
import Kiosk

// Build: a signed content file (.kbundle) for the kiosks, to a folder or a USB stick. A release
// is what patients see (every page signed off by a clinician); a draft is for trying out. A
// build that fails says why and leaves everything as it was.
Dialog {
    id: dialog

    required property StudioActions actions

    objectName: "buildDialog"
    title: "Build the content for the kiosks"
    modal: true
    width: 640
    standardButtons: Dialog.Close

    ColumnLayout {
        anchors { left: parent.left; right: parent.right }
        spacing: 10

        Label { text: "Put the file in this folder (a USB stick is a folder too):" }
        RowLayout {
            Layout.fillWidth: true
            ComboBox {
                id: target
                objectName: "buildTarget"
                Layout.fillWidth: true
                editable: true
                model: dialog.actions.buildTargets
                Accessible.name: "Folder for the built file"
            }
            Button {
                text: "Choose..."
                onClicked: folderChooser.open()
            }
        }
        Label { text: "Sign it with this key (.key file):" }
        RowLayout {
            Layout.fillWidth: true
            TextField {
                id: key
                objectName: "buildKey"
                Layout.fillWidth: true
                selectByMouse: true
                Accessible.name: "Signing key"
            }
            Button {
                text: "Choose..."
                onClicked: keyChooser.open()
            }
        }
        RadioButton {
            id: release
            objectName: "buildRelease"
            checked: true
            text: "Release: for patients (every page must be signed off by a clinician)"
        }
        RadioButton {
            objectName: "buildDraft"
            text: "Draft: to try out on a kiosk before the review"
        }
        Button {
            objectName: "buildStart"
            text: "Build"
            highlighted: true
            onClicked: dialog.actions.build(target.editText, key.text, release.checked)
        }
        Label {
            Layout.topMargin: 8
            text: "Publish to every kiosk of the practice (when a fleet repository is set up):"
        }
        RowLayout {
            Layout.fillWidth: true
            TextField {
                id: repository
                objectName: "publishRepository"
                Layout.fillWidth: true
                selectByMouse: true
                placeholderText: "The fleet repository folder (made with kiosk fleet init)"
                Accessible.name: "Fleet repository folder"
            }
            Button {
                objectName: "publishStart"
                text: "Publish what was built"
                enabled: dialog.actions.hasBuilt && dialog.actions.isRepository(repository.text)
                onClicked: dialog.actions.publish(repository.text)
            }
        }
        Label {
            objectName: "buildResult"
            Layout.fillWidth: true
            wrapMode: Text.Wrap
            textFormat: Text.PlainText
            color: dialog.actions.failed ? "#a4000f" : "#2d5a27"
            text: dialog.actions.result
        }
    }

    FolderDialog {
        id: folderChooser
        onAccepted: target.editText = dialog.actions.pathOf(selectedFolder)
    }
    FileDialog {
        id: keyChooser
        nameFilters: ["Signing keys (*.key)"]
        onAccepted: key.text = dialog.actions.pathOf(selectedFile)
    }
}
