pragma ComponentBehavior: Bound
import QtQuick
import Kiosk

// Shown when idle: calm, slowly drifting shapes, the clinic's name, and a greeting with a one-line
// promise of what is inside that cycle through the bundle's languages. A touch anywhere starts; a
// language button starts in that language. Nothing else here looks like a control.
Rectangle {
    id: attract

    required property AppState appState
    required property Theme theme
    required property TapGuard guard

    readonly property var languages: appState.languages
    property int shown: 0  // the language the greeting shows now
    property real bottomReserve: 0  // room kept free at the bottom (the note on what is counted)

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
            readonly property real side: Math.min(attract.width, attract.height) * modelData.size
            width: side
            height: side
            radius: side / 2
            color: attract.theme.colors[modelData.tint]
            x: attract.width * modelData.fx
            y: attract.height * modelData.fy

            SequentialAnimation on x {
                loops: Animation.Infinite
                NumberAnimation { to: attract.width * blob.modelData.tx; duration: blob.modelData.ms; easing.type: Easing.InOutSine }
                NumberAnimation { to: attract.width * blob.modelData.fx; duration: blob.modelData.ms; easing.type: Easing.InOutSine }
            }
            SequentialAnimation on y {
                loops: Animation.Infinite
                NumberAnimation { to: attract.height * blob.modelData.ty; duration: blob.modelData.ms * 1.3; easing.type: Easing.InOutSine }
                NumberAnimation { to: attract.height * blob.modelData.fy; duration: blob.modelData.ms * 1.3; easing.type: Easing.InOutSine }
            }
        }
    }

    TapHandler {
        gesturePolicy: TapHandler.ReleaseWithinBounds
        longPressThreshold: 0
        onTapped: (point) => {
            const p = languageRow.mapFromItem(attract, point.position.x, point.position.y)
            if (languageRow.contains(p))
                return  // a language button handles it
            if (attract.guard.accept("attract"))
                attract.appState.start()
        }
    }

    Column {
        id: message
        anchors.centerIn: parent
        anchors.verticalCenterOffset: -attract.height * 0.06
        width: parent.width - 2 * attract.theme.sizes.margin
        spacing: attract.theme.sizes.margin

        Text {
            textFormat: Text.PlainText
            objectName: "clinicName"
            width: parent.width
            text: attract.appState.clinic
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.Wrap
            color: attract.theme.colors.text
            font.pixelSize: attract.theme.sizes.heading
            font.bold: true
        }
        Text {
            textFormat: Text.PlainText
            objectName: "greeting"
            width: parent.width
            text: attract.languages.length ? attract.languages[attract.shown].greeting : ""
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.WordWrap
            fontSizeMode: Text.HorizontalFit  // a long greeting shrinks rather than break a word
            minimumPixelSize: attract.theme.sizes.title
            color: attract.theme.colors.heading
            font.pixelSize: attract.theme.sizes.greeting
            font.bold: true
        }
        Text {
            textFormat: Text.PlainText
            objectName: "promise"
            width: parent.width
            text: attract.languages.length ? attract.languages[attract.shown].promise : ""
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.Wrap
            color: attract.theme.colors.heading
            font.pixelSize: attract.theme.sizes.heading
        }
        Text {
            textFormat: Text.PlainText
            objectName: "touchToStart"
            width: parent.width
            text: attract.languages.length ? attract.languages[attract.shown].touchToStart : ""
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.Wrap
            color: attract.theme.colors.text
            font.pixelSize: attract.theme.sizes.attractHint
        }
    }

    SequentialAnimation {
        running: attract.languages.length > 1
        loops: Animation.Infinite
        PauseAnimation { duration: 4000 }
        NumberAnimation { target: message; property: "opacity"; to: 0; duration: 900; easing.type: Easing.InOutQuad }
        ScriptAction { script: attract.shown = (attract.shown + 1) % attract.languages.length }
        NumberAnimation { target: message; property: "opacity"; to: 1; duration: 900; easing.type: Easing.InOutQuad }
    }

    Row {
        id: languageRow
        anchors.horizontalCenter: parent.horizontalCenter
        anchors.bottom: parent.bottom
        anchors.bottomMargin: Math.max(attract.theme.sizes.margin * 2, attract.bottomReserve)
        spacing: attract.theme.sizes.spacing * 2
        visible: attract.languages.length > 1

        Repeater {
            model: attract.languages
            delegate: KioskButton {
                required property var modelData
                objectName: "attract-lang-" + modelData.code
                theme: attract.theme
                guard: attract.guard
                text: modelData.name
                fontSize: attract.theme.sizes.label
                onActivated: {
                    attract.appState.setLanguage(modelData.code)
                    attract.appState.start()
                }
            }
        }
    }
}
