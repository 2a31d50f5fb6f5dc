pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Shapes
import Kiosk

// A schematic map of northern New Jersey (rivers, the Hudson, the New York line), with the towns
// placed by their coordinates, the rivers and states named, and a north mark in the top strip
// that the towns leave free. Python projects everything into this rectangle.
Rectangle {
    id: map

    required property AppState appState
    required property Theme theme
    required property TapGuard guard
    required property Locations locations

    readonly property real marker: theme.sizes.target
    readonly property real labelFont: theme.sizes.mapLabel
    readonly property real labelWidth: Math.max(townMetrics.advanceWidth, hereMetrics.advanceWidth) + theme.sizes.pad * 1.5
    readonly property var layout: locations.mapLayout(width, height, labelWidth, marker, labelFont, locations.revision)
    readonly property var paths: layout.paths || {}

    objectName: "schematicMap"
    color: theme.colors.mapLand
    clip: true

    TextMetrics {
        id: townMetrics
        font.pixelSize: map.labelFont
        font.bold: true
        text: map.locations.longestTown
    }
    TextMetrics {
        id: hereMetrics
        font.pixelSize: map.labelFont
        text: map.locations.hereId ? map.appState.ui.you_are_here : ""
    }

    Shape {
        anchors.fill: parent

        ShapePath {
            strokeColor: "transparent"
            fillColor: map.theme.colors.mapOtherLand
            PathSvg { path: map.paths.north || "" }
        }
        ShapePath {
            strokeColor: "transparent"
            fillColor: map.theme.colors.mapOtherLand
            PathSvg { path: map.paths.east || "" }
        }
        ShapePath {
            strokeColor: map.theme.colors.mapRiver
            strokeWidth: 2
            fillColor: map.theme.colors.mapWater
            PathSvg { path: map.paths.water || "" }
        }
        ShapePath {
            strokeColor: map.theme.colors.mapRiver
            strokeWidth: map.theme.sizes.mapRoad
            fillColor: "transparent"
            capStyle: ShapePath.RoundCap
            joinStyle: ShapePath.RoundJoin
            PathSvg { path: map.paths.hackensack || "" }
        }
        ShapePath {
            strokeColor: map.theme.colors.mapRiver
            strokeWidth: map.theme.sizes.mapRoad
            fillColor: "transparent"
            capStyle: ShapePath.RoundCap
            joinStyle: ShapePath.RoundJoin
            PathSvg { path: map.paths.passaic || "" }
        }
        ShapePath {
            strokeColor: map.theme.colors.mapLine
            strokeWidth: 3
            strokeStyle: ShapePath.DashLine
            dashPattern: [4, 3]
            fillColor: "transparent"
            PathSvg { path: map.paths.stateLine || "" }
        }
    }

    Rectangle {
        anchors.fill: parent
        color: "transparent"
        border.width: map.theme.sizes.border
        border.color: map.theme.colors.border
    }

    Repeater {
        model: map.layout.labels || []
        delegate: Text {
            textFormat: Text.PlainText
            required property var modelData
            objectName: "mapName-" + modelData.text
            x: modelData.x
            y: modelData.y - height / 2
            width: modelData.width
            horizontalAlignment: Text.AlignHCenter
            text: modelData.text
            color: map.theme.colors.mapLabel
            font.pixelSize: map.labelFont
            font.bold: true
            font.italic: modelData.text.endsWith("R.")
        }
    }

    Row {
        objectName: "northMark"
        anchors { right: parent.right; top: parent.top; margins: map.theme.sizes.pad / 2 }
        height: map.marker - map.theme.sizes.pad
        spacing: 2
        Icon {
            anchors.verticalCenter: parent.verticalCenter
            name: "north"
            size: parent.height * 0.8
            color: map.theme.colors.mapLabel
        }
        Text {
            textFormat: Text.PlainText
            anchors.verticalCenter: parent.verticalCenter
            text: "N"
            color: map.theme.colors.mapLabel
            font.pixelSize: map.labelFont
            font.bold: true
        }
    }

    Repeater {
        model: map.layout.towns || []
        delegate: Tappable {
            id: pin
            required property var modelData
            readonly property bool labelLeft: modelData.side === "left"
            objectName: "marker-" + modelData.id
            theme: map.theme
            guard: map.guard
            accessibleName: modelData.town
            width: map.marker + labelColumn.width + map.theme.sizes.pad
            height: Math.max(map.marker, labelColumn.implicitHeight + map.theme.sizes.pad / 2)
            x: labelLeft ? modelData.x - width + map.marker / 2 : modelData.x - map.marker / 2
            y: modelData.y - height / 2
            radius: height / 2
            color: down ? map.theme.colors.pressed : modelData.here ? map.theme.colors.here : map.theme.colors.surface
            border.width: map.theme.sizes.border
            border.color: modelData.here ? map.theme.colors.here : map.theme.colors.buttonBorder
            onActivated: map.appState.openLocation(modelData.id)

            Rectangle {
                id: dot
                x: pin.labelLeft ? pin.width - width : 0
                anchors.verticalCenter: parent.verticalCenter
                width: map.marker
                height: map.marker
                radius: width / 2
                color: pin.modelData.here ? map.theme.colors.textOnHere : map.theme.colors.marker
                Icon {
                    anchors.centerIn: parent
                    name: pin.modelData.here ? "here" : "pin"
                    size: map.marker * 0.6
                    color: pin.modelData.here ? map.theme.colors.here : map.theme.colors.textOnMarker
                }
            }
            Column {
                id: labelColumn
                x: pin.labelLeft ? map.theme.sizes.pad * 0.75 : map.marker + map.theme.sizes.pad * 0.25
                anchors.verticalCenter: parent.verticalCenter
                width: map.labelWidth - map.theme.sizes.pad * 0.5
                Text {
                    textFormat: Text.PlainText
                    width: parent.width
                    text: pin.modelData.town
                    horizontalAlignment: pin.labelLeft ? Text.AlignRight : Text.AlignLeft
                    color: pin.modelData.here ? map.theme.colors.textOnHere : map.theme.colors.text
                    font.pixelSize: map.labelFont
                    font.bold: true
                }
                Text {
                    textFormat: Text.PlainText
                    visible: pin.modelData.here
                    width: parent.width
                    text: map.appState.ui.you_are_here
                    horizontalAlignment: pin.labelLeft ? Text.AlignRight : Text.AlignLeft
                    color: map.theme.colors.textOnHere
                    font.pixelSize: map.labelFont
                }
            }
        }
    }
}
