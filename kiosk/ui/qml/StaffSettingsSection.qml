pragma ComponentBehavior: Bound
import QtQuick
import Kiosk

// This kiosk's settings: its own location ("You are here"), the idle time and the language at
// the start. Changes are kept until Save; the stored file is replaced atomically.
Column {
    id: section

    required property SettingsSection controller
    required property JobRunner jobs
    required property TapGuard guard
    required property Theme theme

    readonly property var settings: controller.values
    readonly property real labelSize: theme.sizes.staffBody

    objectName: "staffSectionSettings"
    spacing: theme.sizes.spacing

    Repeater {
        model: section.controller.notes
        delegate: StaffText {
            required property string modelData
            required property int index
            objectName: "staffSettingsNote-" + index
            width: parent.width
            theme: section.theme
            problem: true
            text: modelData
        }
    }

    StaffText {
        width: parent.width
        theme: section.theme
        size: "heading"
        text: "You are here"
    }
    StaffText {
        width: parent.width
        theme: section.theme
        muted: true
        text: "Where this kiosk stands. The map marks it for patients."
    }
    Flow {
        width: parent.width
        spacing: section.theme.sizes.gap
        Repeater {
            model: section.controller.locationChoices
            delegate: KioskButton {
                required property var modelData
                objectName: "staffHere-" + (modelData.id || "none")
                theme: section.theme
                guard: section.guard
                text: modelData.name
                fontSize: section.labelSize
                checked: section.settings.locationId === modelData.id
                onActivated: section.controller.chooseLocation(modelData.id)
            }
        }
    }

    StaffText {
        width: parent.width
        theme: section.theme
        size: "heading"
        spaced: true
        text: "Time before the screen starts over"
    }
    StaffText {
        width: parent.width
        theme: section.theme
        muted: true
        text: "With no touch for this long, patients are asked if they are still there, "
            + "then the screen starts over. From " + section.settings.idleMin + " to "
            + section.settings.idleMax + " seconds."
    }
    Row {
        spacing: section.theme.sizes.spacing

        KioskButton {
            objectName: "staffIdleLess"
            theme: section.theme
            guard: section.guard
            text: "−"
            accessibleName: "Less time"
            width: section.theme.sizes.staffKey
            fontSize: section.theme.sizes.staffStepLabel
            enabled: section.settings.idleSeconds > section.settings.idleMin
            onActivated: section.controller.stepIdle(-1)
        }
        StaffText {
            objectName: "staffIdleValue"
            anchors.verticalCenter: parent.verticalCenter
            width: section.theme.sizes.staffValue
            horizontalAlignment: Text.AlignHCenter
            theme: section.theme
            size: "heading"
            text: section.settings.idleSeconds + " seconds"
        }
        KioskButton {
            objectName: "staffIdleMore"
            theme: section.theme
            guard: section.guard
            text: "+"
            accessibleName: "More time"
            width: section.theme.sizes.staffKey
            fontSize: section.theme.sizes.staffStepLabel
            enabled: section.settings.idleSeconds < section.settings.idleMax
            onActivated: section.controller.stepIdle(1)
        }
    }

    StaffText {
        width: parent.width
        theme: section.theme
        size: "heading"
        spaced: true
        text: "Language at the start"
    }
    Flow {
        width: parent.width
        spacing: section.theme.sizes.gap
        Repeater {
            model: section.controller.languageChoices
            delegate: KioskButton {
                required property var modelData
                objectName: "staffLang-" + (modelData.code || "none")
                theme: section.theme
                guard: section.guard
                text: modelData.name
                fontSize: section.labelSize
                checked: section.settings.defaultLanguage === modelData.code
                onActivated: section.controller.chooseLanguage(modelData.code)
            }
        }
    }

    StaffText {
        width: parent.width
        theme: section.theme
        size: "heading"
        spaced: true
        text: "Spoken pages (Listen)"
    }
    StaffText {
        width: parent.width
        theme: section.theme
        muted: true
        text: "Where patients hear pages read aloud. Headphones: the volume goes no higher "
            + "than 60 %. Sound goes to the kiosk's sound output either way, so plug the "
            + "headphones in there. Off: no Listen button."
    }
    Flow {
        width: parent.width
        spacing: section.theme.sizes.gap
        Repeater {
            model: [
                { id: "speaker", name: "Speaker" },
                { id: "headphones", name: "Headphones" },
                { id: "none", name: "Off" }
            ]
            delegate: KioskButton {
                required property var modelData
                objectName: "staffOutput-" + modelData.id
                theme: section.theme
                guard: section.guard
                text: modelData.name
                fontSize: section.labelSize
                checked: section.settings.narrationOutput === modelData.id
                onActivated: section.controller.chooseOutput(modelData.id)
            }
        }
    }
    StaffText {
        width: parent.width
        theme: section.theme
        muted: true
        text: "The volume every patient starts with (it starts over after each patient)."
    }
    Row {
        spacing: section.theme.sizes.spacing

        KioskButton {
            objectName: "staffVolumeLess"
            theme: section.theme
            guard: section.guard
            text: "−"
            accessibleName: "Quieter"
            width: section.theme.sizes.staffKey
            fontSize: section.theme.sizes.staffStepLabel
            enabled: section.settings.narrationVolume > section.settings.volumeStep
            onActivated: section.controller.stepVolume(-1)
        }
        StaffText {
            objectName: "staffVolumeValue"
            anchors.verticalCenter: parent.verticalCenter
            width: section.theme.sizes.staffValue
            horizontalAlignment: Text.AlignHCenter
            theme: section.theme
            size: "heading"
            text: section.settings.narrationVolume + " %"
        }
        KioskButton {
            objectName: "staffVolumeMore"
            theme: section.theme
            guard: section.guard
            text: "+"
            accessibleName: "Louder"
            width: section.theme.sizes.staffKey
            fontSize: section.theme.sizes.staffStepLabel
            enabled: section.settings.narrationVolume < 100
            onActivated: section.controller.stepVolume(1)
        }
    }

    KioskButton {
        objectName: "staffSaveSettings"
        theme: section.theme
        guard: section.guard
        primary: enabled
        text: "Save settings"
        fontSize: section.labelSize
        enabled: section.settings.dirty
        onActivated: section.controller.save()
    }
}
