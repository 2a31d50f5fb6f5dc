import QtQuick

// Text in staff mode: the theme's colours, sizes from the window only (never the patient's text
// size), wrapped to its width, plain text (file names and reasons are shown as they are).
Text {
    id: label

    required property QtObject theme
    property string size: "body"  // small | body | heading | title
    property bool problem: false
    property bool muted: false
    property bool spaced: false  // a heading that starts a new group: space above it
    readonly property var pixels: ({ "small": 24, "body": 28, "heading": 36, "title": 46 })
    readonly property bool strong: size === "heading" || size === "title"

    wrapMode: Text.Wrap
    textFormat: Text.PlainText
    color: problem ? theme.colors.here
        : strong ? theme.colors.heading
        : muted ? theme.colors.textMuted : theme.colors.text
    font.family: theme.fontFamily
    font.pixelSize: Math.round(label.pixels[label.size] * theme.unit)
    font.bold: strong || problem
    topPadding: spaced ? theme.sizes.spacing : 0
}
