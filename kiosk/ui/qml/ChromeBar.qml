pragma ComponentBehavior: Bound
import QtQuick
import Kiosk

// The fixed bar: Home, Back, language, text size, contrast. It never scrolls; when one row is
// too narrow (portrait, large text) its groups wrap onto more rows. Every button is as large as
// its largest state (the largest text size, the longest language), so changing a setting never
// moves a control under the finger. The top-left square stays free for the staff corner.
Rectangle {
    id: bar

    required property AppState appState
    required property Theme theme
    required property TapGuard guard

    property real cornerSize: 0  // the hidden staff corner's square: no button there

    readonly property var ui: appState.ui
    readonly property var uiAll: appState.uiAll
    readonly property real maxFont: theme.sizes.chromeMax
    readonly property real sp: theme.sizes.spacing
    readonly property real margin: theme.sizes.margin
    readonly property real pad: Math.round(theme.sizes.pad * 0.6)
    // Every button of the bar has the same height: its label at the largest text size.
    readonly property real buttonHeight: Math.max(theme.sizes.target, Math.round(maxFont * 1.2) + theme.sizes.pad)
    readonly property real groupsWidth: navigation.implicitWidth + languages.implicitWidth + sizes.implicitWidth + contrast.implicitWidth
    readonly property bool oneRow: groupsWidth + 4 * flow.spacing <= flow.width
    readonly property bool twoRows: !oneRow

    color: theme.colors.surface
    implicitHeight: flow.implicitHeight + 2 * pad

    Rectangle {
        anchors { left: parent.left; right: parent.right; bottom: parent.bottom }
        height: bar.theme.sizes.border
        color: bar.theme.colors.border
    }

    // The width a button needs for the widest of `texts` at the largest text size.
    function reserve(texts, withIcon) {
        // Read the metrics' font here, so that the binding re-runs when it changes.
        if (widest_.font.pixelSize !== bar.maxFont)
            return 0
        let widest = 0
        for (const text of texts || [])
            widest = Math.max(widest, widest_.advanceWidth(text))
        const icon = withIcon ? Math.round(maxFont * 1.25) + theme.sizes.pad / 2 : 0
        return Math.ceil(widest + icon + 2 * theme.sizes.pad + 2)
    }

    FontMetrics {
        id: widest_
        font.pixelSize: bar.maxFont
        font.bold: true
    }

    Flow {
        id: flow
        x: Math.max(bar.margin, bar.cornerSize + bar.sp)
        y: bar.pad
        width: bar.width - x - bar.margin
        spacing: bar.sp  // room for the widest state of every button on one 1080p row

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
                reservedWidth: bar.reserve(bar.uiAll.home, true)
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
                reservedWidth: bar.reserve(bar.uiAll.back, true)
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
                    reservedWidth: bar.reserve([modelData.name], false)
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
                    reservedWidth: bar.reserve(["A"], false)  // bold when checked
                    accessibleName: bar.ui.text_size + " " + [100, 150, 200][index] + "%"
                    spokenParts: [bar.ui.text_size, String([100, 150, 200][index])]
                    // Fixed sizes: a sample of each step, the same at every step.
                    fontSize: Math.round(bar.theme.sizes.chromeBase * [1, 1.25, 1.5][index])
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
            reservedWidth: bar.reserve(bar.uiAll.high_contrast, true)
            checked: bar.appState.highContrast
            onActivated: bar.appState.setHighContrast(!bar.appState.highContrast)
        }
    }
}
