pragma ComponentBehavior: Bound
import QtQuick

// A line icon drawn on a 24x24 grid, so it needs no image files and follows the theme's colours.
Item {
    id: icon

    property string name: ""
    required property color color  // from the theme
    required property real size

    readonly property var strokes: ({
        "home": "M 3 11.5 L 12 3.5 L 21 11.5 M 5.5 9.5 L 5.5 20.5 L 18.5 20.5 L 18.5 9.5 M 10 20.5 L 10 14.5 L 14 14.5 L 14 20.5",
        "back": "M 20 12 L 4.5 12 M 10.5 5.5 L 4 12 L 10.5 18.5",
        "next": "M 9 4.5 L 16.5 12 L 9 19.5",
        "down": "M 4.5 9 L 12 16.5 L 19.5 9",
        "north": "M 12 2.5 L 18 20.5 L 12 16.5 L 6 20.5 Z",
        "previous": "M 15 4.5 L 7.5 12 L 15 19.5",
        "contrast": "M 12 2.5 A 9.5 9.5 0 1 1 11.99 2.5",
        "pin": "M 12 21.5 C 12 21.5 4.5 14.5 4.5 9.5 A 7.5 7.5 0 0 1 19.5 9.5 C 19.5 14.5 12 21.5 12 21.5 Z M 12 6.5 A 3 3 0 1 1 11.99 6.5",
        "question": "M 12 2.5 A 9.5 9.5 0 1 1 11.99 2.5 M 9 9.5 A 3 3 0 1 1 13.5 12 C 12.5 12.6 12 13.2 12 14.5 M 12 17.5 L 12 17.6",
        "textSize": "M 3 20 L 8.5 5 L 14 20 M 5 15 L 12 15 M 15 20 L 18.5 11 L 22 20 M 16.2 17 L 20.8 17",
        "here": "M 12 2.5 A 9.5 9.5 0 1 1 11.99 2.5 M 12 8 A 4 4 0 1 1 11.99 8",
        "listen": "M 3.5 9 L 7.5 9 L 12 5 L 12 19 L 7.5 15 L 3.5 15 Z M 15.5 9 A 4 4 0 0 1 15.5 15 M 18 6 A 8 8 0 0 1 18 18",
        "pause": "M 8.5 5 L 8.5 19 M 15.5 5 L 15.5 19",
        "minus": "M 5 12 L 19 12",
        "plus": "M 5 12 L 19 12 M 12 5 L 12 19"
    })
    readonly property var fills: ({
        "contrast": "M 12 2.5 A 9.5 9.5 0 0 1 12 21.5 Z",
        "here": "M 12 8 A 4 4 0 1 1 11.99 8"
    })

    implicitWidth: size
    implicitHeight: size

    // Drawn as an SVG image, not a Shape: the software renderer does not clip Shapes to a
    // scrolling Flickable, and image nodes it does.
    Image {
        anchors.fill: parent
        sourceSize.width: Math.max(1, Math.round(icon.width))
        sourceSize.height: Math.max(1, Math.round(icon.height))
        smooth: true
        source: icon.name === "" ? "" : "data:image/svg+xml;utf8," + encodeURIComponent(
            '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24">'
            + '<path d="' + (icon.strokes[icon.name] || "") + '" fill="none" stroke="' + icon.color
            + '" stroke-width="2.2" stroke-linecap="round" stroke-linejoin="round"/>'
            + (icon.fills[icon.name] ? '<path d="' + icon.fills[icon.name] + '" fill="' + icon.color + '"/>' : "")
            + '</svg>')
    }
}
