pragma ComponentBehavior: Bound
import QtQuick
import Kiosk

// Find a location: the schematic map beside (landscape) or above (portrait) the list of towns.
// Tapping a town on either opens its detail.
Item {
    id: finder

    required property AppState appState
    required property Theme theme
    required property TapGuard guard
    required property Content content
    required property Locations locations
    required property string routeId

    readonly property var ui: appState.ui
    readonly property real margin: theme.sizes.margin
    readonly property real sp: theme.sizes.spacing
    readonly property bool landscape: width > height

    objectName: "locationsScreen"

    Text {
        textFormat: Text.PlainText
        id: title
        objectName: "locationsTitle"
        x: finder.margin
        y: finder.margin * 0.75
        width: parent.width - 2 * finder.margin
        text: finder.ui.find_location
        wrapMode: Text.Wrap
        color: finder.theme.colors.heading
        font.pixelSize: finder.theme.sizes.title
        font.bold: true
    }

    SchematicMap {
        id: map
        x: finder.margin
        y: title.y + title.height + finder.sp
        width: finder.landscape ? (parent.width - 2 * finder.margin - finder.sp) * 0.6 : parent.width - 2 * finder.margin
        height: finder.landscape ? parent.height - y - finder.margin : (parent.height - y - finder.margin) * 0.55
        appState: finder.appState
        theme: finder.theme
        guard: finder.guard
        locations: finder.locations
    }

    Flickable {
        id: list
        objectName: "locationList"
        x: finder.landscape ? map.x + map.width + finder.sp : finder.margin
        y: finder.landscape ? map.y : map.y + map.height + finder.sp
        width: finder.landscape ? parent.width - x - finder.margin : parent.width - 2 * finder.margin
        height: parent.height - y - finder.margin - moreBelow.height
        contentWidth: width
        contentHeight: column.height
        flickableDirection: Flickable.VerticalFlick
        boundsBehavior: Flickable.StopAtBounds
        clip: true

        Column {
            id: column
            width: list.width
            spacing: finder.sp

            Repeater {
                model: finder.locations.model
                delegate: Tappable {
                    id: row
                    required property var model
                    objectName: "town-" + model.locationId
                    theme: finder.theme
                    guard: finder.guard
                    accessibleName: model.place
                    width: column.width
                    height: Math.max(finder.theme.sizes.target, rowContent.implicitHeight + finder.theme.sizes.pad)
                    radius: finder.theme.sizes.radius
                    color: down ? finder.theme.colors.pressed : model.here ? finder.theme.colors.here : finder.theme.colors.surface
                    border.width: finder.theme.sizes.border
                    border.color: model.here ? finder.theme.colors.here : finder.theme.colors.buttonBorder
                    onActivated: finder.appState.openLocation(model.locationId)

                    Row {
                        id: rowContent
                        x: finder.theme.sizes.pad
                        anchors.verticalCenter: parent.verticalCenter
                        spacing: finder.theme.sizes.pad * 0.75
                        Icon {
                            id: rowIcon
                            anchors.verticalCenter: parent.verticalCenter
                            name: row.model.here ? "here" : "pin"
                            size: finder.theme.sizes.label * 1.3
                            color: row.model.here ? finder.theme.colors.textOnHere : finder.theme.colors.heading
                        }
                        Column {
                            anchors.verticalCenter: parent.verticalCenter
                            width: row.width - rowIcon.width - 3 * finder.theme.sizes.pad
                            Text {
                                textFormat: Text.PlainText
                                width: parent.width
                                text: row.model.place
                                wrapMode: Text.Wrap
                                color: row.model.here ? finder.theme.colors.textOnHere : finder.theme.colors.text
                                font.pixelSize: finder.theme.sizes.label
                                font.bold: true
                            }
                            Text {
                                textFormat: Text.PlainText
                                objectName: "miles-" + row.model.locationId
                                visible: !row.model.here && row.model.miles >= 0
                                width: parent.width
                                text: visible ? finder.ui.distance.replace("{miles}", row.model.miles.toFixed(1)) : ""
                                wrapMode: Text.Wrap
                                color: finder.theme.colors.text
                                font.pixelSize: finder.theme.sizes.body
                            }
                            Text {
                                textFormat: Text.PlainText
                                visible: row.model.here
                                width: parent.width
                                text: finder.ui.you_are_here
                                wrapMode: Text.Wrap
                                color: finder.theme.colors.textOnHere
                                font.pixelSize: finder.theme.sizes.body
                            }
                        }
                    }
                }
            }
        }
    }

    MoreBelow {
        id: moreBelow
        objectName: "moreBelowList"
        x: list.x
        y: list.y + list.height
        width: list.width
        theme: finder.theme
        guard: finder.guard
        flick: list
        available: finder.height - list.y - finder.margin
        text: finder.ui.more_below
    }
}
