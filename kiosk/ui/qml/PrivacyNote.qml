import QtQuick

// What the kiosk counts, said to patients on the attract screen in English and Spanish. Plain
// text with no handler: a touch on it starts like a touch anywhere else.
Column {
    id: note

    required property QtObject theme

    objectName: "privacyNote"
    spacing: Math.round(4 * theme.unit)

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
            font.pixelSize: Math.round(24 * note.theme.unit * Math.min(note.theme.textScale, 1.5))
            text: modelData
        }
    }
}
