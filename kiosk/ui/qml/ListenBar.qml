pragma ComponentBehavior: Bound
import QtQuick
import Kiosk

// "Listen" for a page that has narration in this language, then Pause and Resume in the same
// place, at one width (the widest of the three labels), and the volume in whole steps: large
// buttons, no slider. Without narration for the page the bar takes no room at all.
Rectangle {
    id: bar

    required property AppState appState
    required property Theme theme
    required property TapGuard guard
    required property Narrator narrator
    required property string pageId

    readonly property var ui: appState.ui
    readonly property bool shown: narrator.available && narrator.hasPage(pageId)
    readonly property bool reading: narrator.playing && narrator.pageId === pageId
    readonly property real fontSize: theme.sizes.label
    readonly property real margin: theme.sizes.margin

    objectName: "listenBar"
    visible: shown
    // At least a gap above and below the buttons: a button scrolled to the page's edge above
    // stays a gap away from them.
    height: shown ? listenButton.implicitHeight + 2 * Math.max(theme.sizes.gap, theme.sizes.pad * 0.6) : 0
    color: theme.colors.surface

    Rectangle {
        anchors { left: parent.left; right: parent.right; top: parent.top }
        height: bar.theme.sizes.border
        color: bar.theme.colors.border
    }

    // The widest of Listen, Pause and Resume: the button keeps this width in every state.
    TextMetrics { id: listenText; font.pixelSize: bar.fontSize; font.bold: true; text: bar.ui.listen }
    TextMetrics { id: pauseText; font.pixelSize: bar.fontSize; font.bold: true; text: bar.ui.pause }
    TextMetrics { id: resumeText; font.pixelSize: bar.fontSize; font.bold: true; text: bar.ui.resume }

    KioskButton {
        id: listenButton
        objectName: "listenButton"
        anchors.left: parent.left
        anchors.leftMargin: bar.margin
        anchors.verticalCenter: parent.verticalCenter
        theme: bar.theme
        guard: bar.guard
        primary: true
        fontSize: bar.fontSize
        iconName: bar.reading && !bar.narrator.paused ? "pause" : "listen"
        text: !bar.reading ? bar.ui.listen : bar.narrator.paused ? bar.ui.resume : bar.ui.pause
        reservedWidth: Math.ceil(Math.max(listenText.advanceWidth, pauseText.advanceWidth, resumeText.advanceWidth)
            + bar.fontSize * 1.25 + bar.theme.sizes.pad * 2.5 + 2)
        onActivated: {
            if (!bar.reading)
                bar.narrator.listen(bar.pageId)
            else if (bar.narrator.paused)
                bar.narrator.resume()
            else
                bar.narrator.pause()
        }
    }

    Row {
        objectName: "volumeControls"
        anchors.right: parent.right
        anchors.rightMargin: bar.margin
        anchors.verticalCenter: parent.verticalCenter
        spacing: bar.theme.sizes.spacing

        KioskButton {
            objectName: "quieterButton"
            theme: bar.theme
            guard: bar.guard
            iconName: "minus"
            accessibleName: bar.ui.quieter
            fontSize: bar.fontSize
            enabled: bar.narrator.volumeStep > 1
            onActivated: bar.narrator.quieter()
        }
        // The level: one bar per step, filled up to the current one.
        Row {
            objectName: "volumeLevel"
            readonly property int level: bar.narrator.volumeStep
            anchors.verticalCenter: parent.verticalCenter
            height: Math.round(bar.fontSize * 1.3)
            spacing: Math.round(bar.theme.sizes.pad / 4)
            Icon {
                anchors.verticalCenter: parent.verticalCenter
                name: "listen"
                size: Math.round(bar.fontSize * 1.25)
                color: bar.theme.colors.text
            }
            Repeater {
                model: bar.narrator.volumeSteps
                delegate: Rectangle {
                    required property int index
                    anchors.bottom: parent.bottom
                    width: Math.round(bar.fontSize * 0.4)
                    height: Math.round(bar.fontSize * (0.5 + 0.2 * index))
                    radius: 2
                    color: index < bar.narrator.volumeStep ? bar.theme.colors.text : "transparent"
                    border.width: bar.theme.sizes.border
                    border.color: bar.theme.colors.text
                }
            }
        }
        KioskButton {
            objectName: "louderButton"
            theme: bar.theme
            guard: bar.guard
            iconName: "plus"
            accessibleName: bar.ui.louder
            fontSize: bar.fontSize
            enabled: bar.narrator.volumeStep < bar.narrator.volumeSteps
            onActivated: bar.narrator.louder()
        }
    }
}
