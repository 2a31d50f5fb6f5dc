pragma ComponentBehavior: Bound
import QtQuick
import Kiosk

// Text in staff mode: the theme's colours, sizes from the window only (never the patient's text
// size), wrapped to its width, plain text (file names and reasons are shown as they are). The
// font family is the application's (kiosk/app/wiring.py).
Text {
    id: label

    required property Theme theme
    property string size: "body"  // small | body | heading | title
    property bool problem: false
    property bool muted: false
    property bool spaced: false  // a heading that starts a new group: space above it
    readonly property bool strong: size === "heading" || size === "title"

    wrapMode: Text.Wrap
    textFormat: Text.PlainText
    color: problem ? theme.colors.here
        : strong ? theme.colors.heading
        : muted ? theme.colors.textMuted : theme.colors.text
    font.pixelSize: size === "title" ? theme.sizes.staffTitle
        : size === "heading" ? theme.sizes.staffHeading
        : size === "small" ? theme.sizes.staffSmall : theme.sizes.staffBody
    font.bold: strong || problem
    topPadding: spaced ? theme.sizes.spacing : 0
}
