pragma ComponentBehavior: Bound
import QtQuick
import Kiosk

// Shown when idle: calm, slowly drifting shapes, the clinic's name, and a greeting with a one-line
// promise of what is inside that cycle through the bundle's languages. A touch anywhere starts; a
// language button starts in that language. Nothing else here looks like a control.
Rectangle {
    id: screen

    required property AppState appState
    required property Theme theme
    required property TapGuard guard

    readonly property var languages: appState.languages
    property int shown: 0  // the language the greeting shows now

    objectName: "attractScreen"
    color: theme.colors.background

    // Slow drifting shapes: minutes-long loops, soft tints, nothing that flashes.
    Repeater {
        model: [
            { fx: 0.08, fy: 0.10, tx: 0.20, ty: 0.22, size: 0.55, tint: "attractBlob1", ms: 23000 },
            { fx: 0.62, fy: 0.48, tx: 0.50, ty: 0.60, size: 0.65, tint: "attractBlob2", ms: 29000 },
            { fx: 0.70, fy: -0.15, tx: 0.58, ty: -0.05, size: 0.45, tint: "attractBlob3", ms: 31000 }
        ]
        delegate: Rectangle {
            id: blob
            required property var modelData
            readonly property real side: Math.min(screen.width, screen.height) * modelData.size
            width: side
            height: side
            radius: side / 2
            color: screen.theme.colors[modelData.tint]
            x: screen.width * modelData.fx
            y: screen.height * modelData.fy

            SequentialAnimation on x {
                loops: Animation.Infinite
                NumberAnimation { to: screen.width * blob.modelData.tx; duration: blob.modelData.ms; easing.type: Easing.InOutSine }
                NumberAnimation { to: screen.width * blob.modelData.fx; duration: blob.modelData.ms; easing.type: Easing.InOutSine }
            }
            SequentialAnimation on y {
                loops: Animation.Infinite
                NumberAnimation { to: screen.height * blob.modelData.ty; duration: blob.modelData.ms * 1.3; easing.type: Easing.InOutSine }
                NumberAnimation { to: screen.height * blob.modelData.fy; duration: blob.modelData.ms * 1.3; easing.type: Easing.InOutSine }
            }
        }
    }

    TapHandler {
        gesturePolicy: TapHandler.ReleaseWithinBounds
        longPressThreshold: 0
        onTapped: (point) => {
            const p = languageRow.mapFromItem(screen, point.position.x, point.position.y)
            if (languageRow.contains(p))
                return  // a language button handles it
            if (screen.guard.accept("attract"))
                screen.appState.start()
        }
    }

    Column {
        id: message
        anchors.centerIn: parent
        anchors.verticalCenterOffset: -screen.height * 0.06
        width: parent.width - 2 * screen.theme.sizes.margin
        spacing: screen.theme.sizes.margin

        Text {
            textFormat: Text.PlainText
            objectName: "clinicName"
            width: parent.width
            text: screen.appState.clinic
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.Wrap
            color: screen.theme.colors.text
            font.pixelSize: screen.theme.sizes.heading
            font.bold: true
        }
        Text {
            textFormat: Text.PlainText
            objectName: "greeting"
            width: parent.width
            text: screen.languages.length ? screen.languages[screen.shown].greeting : ""
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.WordWrap
            fontSizeMode: Text.HorizontalFit  // a long greeting shrinks rather than break a word
            minimumPixelSize: screen.theme.sizes.title
            color: screen.theme.colors.heading
            font.pixelSize: screen.theme.sizes.greeting
            font.bold: true
        }
        Text {
            textFormat: Text.PlainText
            objectName: "promise"
            width: parent.width
            text: screen.languages.length ? screen.languages[screen.shown].promise : ""
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.Wrap
            color: screen.theme.colors.heading
            font.pixelSize: screen.theme.sizes.heading
        }
        Text {
            textFormat: Text.PlainText
            objectName: "touchToStart"
            width: parent.width
            text: screen.languages.length ? screen.languages[screen.shown].touchToStart : ""
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.Wrap
            color: screen.theme.colors.text
            font.pixelSize: screen.theme.sizes.attractHint
        }
    }

    SequentialAnimation {
        running: screen.languages.length > 1
        loops: Animation.Infinite
        PauseAnimation { duration: 4000 }
        NumberAnimation { target: message; property: "opacity"; to: 0; duration: 900; easing.type: Easing.InOutQuad }
        ScriptAction { script: screen.shown = (screen.shown + 1) % screen.languages.length }
        NumberAnimation { target: message; property: "opacity"; to: 1; duration: 900; easing.type: Easing.InOutQuad }
    }

    Row {
        id: languageRow
        anchors.horizontalCenter: parent.horizontalCenter
        anchors.bottom: parent.bottom
        anchors.bottomMargin: screen.theme.sizes.margin * 2
        spacing: screen.theme.sizes.spacing * 2
        visible: screen.languages.length > 1

        Repeater {
            model: screen.languages
            delegate: KioskButton {
                required property var modelData
                objectName: "attract-lang-" + modelData.code
                theme: screen.theme
                guard: screen.guard
                text: modelData.name
                fontSize: screen.theme.sizes.label
                onActivated: {
                    screen.appState.setLanguage(modelData.code)
                    screen.appState.start()
                }
            }
        }
    }
}
