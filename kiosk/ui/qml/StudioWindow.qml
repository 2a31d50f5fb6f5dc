pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import Kiosk

// The content studio (`kiosk studio`): a desktop window for staff. Left, what a bundle holds;
// middle, the form of the part chosen there, English and Spanish side by side; right, the real
// patient screens (kiosk/app/studio_preview.py moves them into previewPane) over the list of
// problems. Everything is kept in Python (kiosk/studio_ui); this only shows it.
ApplicationWindow {
    id: root

    required property Studio studio
    required property StudioChecks checks
    required property StudioActions actions
    required property StudioPreview preview
    required property AppState patient
    required property Theme patientTheme
    property bool allowClose: false  // set once the staff member has answered "unsaved changes"

    width: 1600
    height: 1000
    visible: false
    title: (root.studio.dirty ? "* " : "") + "Kiosk content studio - " + root.studio.folderPath

    onClosing: close => {
        if (root.studio.dirty && !root.allowClose) {
            close.accepted = false
            unsaved.open()
        }
    }

    Shortcut {
        sequences: [StandardKey.Save]
        context: Qt.ApplicationShortcut
        onActivated: root.studio.save()
    }

    header: ToolBar {
        RowLayout {
            anchors.fill: parent
            spacing: 8
            ToolButton {
                objectName: "saveButton"
                text: "Save (Ctrl+S)"
                enabled: root.studio.dirty
                onClicked: root.studio.save()
            }
            ToolButton {
                objectName: "buildButton"
                text: "Build or publish..."
                onClicked: buildDialog.open()
            }
            ToolButton {
                objectName: "signOffAllButton"
                text: "Sign off all pages..."
                onClicked: signoff.openFor("")
            }
            Label {
                objectName: "studioMessage"
                Layout.fillWidth: true
                elide: Text.ElideMiddle
                text: root.studio.message
            }
        }
    }

    SplitView {
        anchors.fill: parent

        StudioOutline {
            SplitView.preferredWidth: 260
            SplitView.minimumWidth: 180
            studio: root.studio
            checks: root.checks
        }

        StudioForm {
            id: form
            SplitView.fillWidth: true
            SplitView.minimumWidth: 480
            studio: root.studio
            checks: root.checks
            actions: root.actions
        }

        SplitView {
            orientation: Qt.Vertical
            SplitView.preferredWidth: 620
            SplitView.minimumWidth: 320

            StudioPreviewPane {
                SplitView.fillHeight: true
                SplitView.minimumHeight: 240
                preview: root.preview
                patient: root.patient
                patientTheme: root.patientTheme
            }
            StudioProblems {
                SplitView.preferredHeight: 280
                SplitView.minimumHeight: 120
                studio: root.studio
                checks: root.checks
            }
        }
    }

    Connections {
        target: root.studio
        function onSignOffRequested(pageId) { signoff.openFor(pageId) }
    }
    StudioSignoffDialog {
        id: signoff
        anchors.centerIn: parent
        actions: root.actions
    }
    StudioBuildDialog {
        id: buildDialog
        anchors.centerIn: parent
        actions: root.actions
    }

    Dialog {
        id: unsaved
        objectName: "unsavedDialog"
        anchors.centerIn: parent
        modal: true
        title: "Save your changes?"
        Label { text: "This folder has changes that are not saved yet." }
        footer: DialogButtonBox {
            Button {
                objectName: "unsavedSave"
                text: "Save and close"
                DialogButtonBox.buttonRole: DialogButtonBox.AcceptRole
            }
            Button {
                objectName: "unsavedDiscard"
                text: "Close without saving"
                DialogButtonBox.buttonRole: DialogButtonBox.DestructiveRole
            }
            Button {
                objectName: "unsavedCancel"
                text: "Keep editing"
                DialogButtonBox.buttonRole: DialogButtonBox.RejectRole
            }
            onClicked: button => {
                if (button.DialogButtonBox.buttonRole === DialogButtonBox.RejectRole)
                    return
                if (button.DialogButtonBox.buttonRole === DialogButtonBox.AcceptRole && !root.studio.save())
                    return
                if (button.DialogButtonBox.buttonRole === DialogButtonBox.DestructiveRole)
                    root.studio.forgetUnsaved()  // not offered back at the next start
                root.allowClose = true
                root.close()
            }
        }
    }
}
