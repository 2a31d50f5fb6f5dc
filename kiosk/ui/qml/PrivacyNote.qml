pragma ComponentBehavior: Bound
import QtQuick
import Kiosk

// What the kiosk counts, said to patients on the attract screen in English and Spanish. Plain
// text with no handler: a touch on it starts like a touch anywhere else.
Column {
    id: note

    required property Theme theme

    objectName: "privacyNote"
    spacing: theme.sizes.privacyGap

    Repeater {
        model: [
            "This kiosk counts which pages are opened. It does not record who you are.",
            "Este quiosco cuenta qué páginas se abren. No registra quién es usted."
        ]
        delegate: Text {
            required property string modelData
            width: note.width
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.Wrap
            color: note.theme.colors.textMuted
            font.family: note.theme.fontFamily
            font.pixelSize: note.theme.sizes.privacyNote
            text: modelData
        }
    }
}
