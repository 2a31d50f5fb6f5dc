import QtQuick

// The fixed bar: Home, Back, language, text size, contrast. It never scrolls; when one row is
// too narrow (portrait, large text) its groups wrap onto more rows.
Rectangle {
    id: bar

    required property QtObject appState
    required property QtObject theme
    required property QtObject guard

    readonly property var ui: appState.ui
    readonly property real sp: theme.sizes.spacing
    readonly property real margin: theme.sizes.margin
    readonly property real pad: Math.round(theme.sizes.pad * 0.6)
    // Every button of the bar has the same height (the largest "A" sets it).
    readonly property real buttonHeight: Math.max(theme.sizes.target, Math.round(theme.sizes.chrome * 1.5 * 1.2) + theme.sizes.pad)
    readonly property real groupsWidth: navigation.implicitWidth + languages.implicitWidth + sizes.implicitWidth + contrast.implicitWidth
    readonly property bool oneRow: groupsWidth + 4 * flow.spacing <= flow.width
    readonly property bool twoRows: !oneRow

    color: theme.colors.surface
    implicitHeight: flow.implicitHeight + 2 * pad

    Rectangle {
        anchors { left: parent.left; right: parent.right; bottom: parent.bottom }
        height: bar.theme.highContrast ? 3 : 2
        color: bar.theme.colors.border
    }

    Flow {
        id: flow
        x: bar.margin
        y: bar.pad
        width: bar.width - 2 * bar.margin
        spacing: bar.sp * 1.5

        Row {
            id: navigation
            spacing: bar.sp

            KioskButton {
                objectName: "homeButton"
                theme: bar.theme
                guard: bar.guard
                height: bar.buttonHeight
                iconName: "home"
                text: bar.ui.home
                enabled: bar.appState.depth > 1
                onActivated: bar.appState.home()
            }
            KioskButton {
                objectName: "backButton"
                theme: bar.theme
                guard: bar.guard
                height: bar.buttonHeight
                iconName: "back"
                text: bar.ui.back
                enabled: bar.appState.canGoBack
                onActivated: bar.appState.back()
            }
        }

        // Pushes the other groups to the right edge when everything fits on one row.
        Item {
            visible: bar.oneRow
            width: Math.max(0, flow.width - bar.groupsWidth - 4 * flow.spacing)
            height: 1
        }

        Row {
            id: languages
            spacing: bar.sp
            Repeater {
                model: bar.appState.languages
                delegate: KioskButton {
                    required property var modelData
                    objectName: "lang-" + modelData.code
                    theme: bar.theme
                    guard: bar.guard
                    height: bar.buttonHeight
                    text: modelData.name
                    checked: bar.appState.language === modelData.code
                    onActivated: bar.appState.setLanguage(modelData.code)
                }
            }
        }

        Row {
            id: sizes
            spacing: bar.sp
            Repeater {
                model: 3
                delegate: KioskButton {
                    required property int index
                    objectName: "textSize-" + index
                    theme: bar.theme
                    guard: bar.guard
                    height: bar.buttonHeight
                    text: "A"
                    accessibleName: bar.ui.text_size + " " + [100, 150, 200][index] + "%"
                    fontSize: Math.round(bar.theme.sizes.chrome * [1, 1.25, 1.5][index])
                    checked: bar.appState.textStep === index
                    onActivated: bar.appState.setTextStep(index)
                }
            }
        }

        KioskButton {
            id: contrast
            objectName: "contrastButton"
            theme: bar.theme
            guard: bar.guard
            height: bar.buttonHeight
            iconName: "contrast"
            text: bar.ui.high_contrast
            checked: bar.appState.highContrast
            onActivated: bar.appState.setHighContrast(!bar.appState.highContrast)
        }
    }
}
