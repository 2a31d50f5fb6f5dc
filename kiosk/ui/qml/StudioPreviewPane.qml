pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import Kiosk

// The live preview: the real patient screens (moved here from their own, hidden window by
// kiosk/app/studio_preview.py), scaled to fit, with pickers for what a patient could choose
// and for the kiosk's screen layout.
ColumnLayout {
    id: pane

    required property StudioPreview preview
    required property AppState patient
    required property Theme patientTheme

    objectName: "studioPreviewPane"
    spacing: 6

    RowLayout {
        Layout.fillWidth: true
        spacing: 6
        ComboBox {
            id: languagePicker
            objectName: "previewLanguage"
            model: pane.patient.languages
            textRole: "name"
            valueRole: "code"
            Accessible.name: "Preview language"
            Layout.preferredWidth: 130
            currentIndex: pane.patient.languages.findIndex(choice => choice.code === pane.patient.language)
            onActivated: pane.patient.setLanguage(currentValue)
        }
        ComboBox {
            objectName: "previewLayout"
            Layout.fillWidth: true
            Layout.minimumWidth: 190
            model: pane.preview.layouts
            currentIndex: pane.preview.layoutIndex
            Accessible.name: "Preview layout"
            onActivated: index => pane.preview.chooseLayout(index)
        }
        ComboBox {
            objectName: "previewTextSize"
            Layout.preferredWidth: 130
            model: ["Text 100%", "Text 150%", "Text 200%"]
            currentIndex: pane.patient.textStep
            Accessible.name: "Preview text size"
            onActivated: index => pane.patient.setTextStep(index)
        }
        CheckBox {
            objectName: "previewHighContrast"
            text: "High contrast"
            checked: pane.patient.highContrast
            onToggled: pane.patient.setHighContrast(checked)
        }
    }

    Rectangle {
        id: frame
        Layout.fillWidth: true
        Layout.fillHeight: true
        color: "#3a3a3a"
        clip: true

        // The patient app lays out for the kiosk's own screen size, then is scaled to fit here.
        Rectangle {
            id: host
            objectName: "previewHost"
            width: pane.preview.layoutWidth
            height: pane.preview.layoutHeight
            color: pane.patientTheme.colors.background
            transformOrigin: Item.TopLeft
            scale: Math.min(frame.width / width, frame.height / height)
            x: Math.round((frame.width - width * scale) / 2)
            y: Math.round((frame.height - height * scale) / 2)
        }
    }
}
