pragma ComponentBehavior: Bound
import QtQuick
import Kiosk

// Find a location: the schematic map beside (landscape) or above (portrait) the list of towns.
// Tapping a town on either opens its detail.
Item {
    id: screen

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
        x: screen.margin
        y: screen.margin * 0.75
        width: parent.width - 2 * screen.margin
        text: screen.ui.find_location
        wrapMode: Text.Wrap
        color: screen.theme.colors.heading
        font.pixelSize: screen.theme.sizes.title
        font.bold: true
    }

    SchematicMap {
        id: map
        x: screen.margin
        y: title.y + title.height + screen.sp
        width: screen.landscape ? (parent.width - 2 * screen.margin - screen.sp) * 0.6 : parent.width - 2 * screen.margin
        height: screen.landscape ? parent.height - y - screen.margin : (parent.height - y - screen.margin) * 0.55
        appState: screen.appState
        theme: screen.theme
        guard: screen.guard
        locations: screen.locations
    }

    Flickable {
        id: list
        objectName: "locationList"
        x: screen.landscape ? map.x + map.width + screen.sp : screen.margin
        y: screen.landscape ? map.y : map.y + map.height + screen.sp
        width: screen.landscape ? parent.width - x - screen.margin : parent.width - 2 * screen.margin
        height: parent.height - y - screen.margin - moreBelow.height
        contentWidth: width
        contentHeight: column.height
        flickableDirection: Flickable.VerticalFlick
        boundsBehavior: Flickable.StopAtBounds
        clip: true

        Column {
            id: column
            width: list.width
            spacing: screen.sp

            Repeater {
                model: screen.locations.model
                delegate: Tappable {
                    id: row
                    required property var model
                    objectName: "town-" + model.locationId
                    theme: screen.theme
                    guard: screen.guard
                    accessibleName: model.place
                    width: column.width
                    height: Math.max(screen.theme.sizes.target, rowContent.implicitHeight + screen.theme.sizes.pad)
                    radius: screen.theme.sizes.radius
                    color: down ? screen.theme.colors.pressed : model.here ? screen.theme.colors.here : screen.theme.colors.surface
                    border.width: screen.theme.highContrast ? 3 : 2
                    border.color: model.here ? screen.theme.colors.here : screen.theme.colors.buttonBorder
                    onActivated: screen.appState.openLocation(model.locationId)

                    Row {
                        id: rowContent
                        x: screen.theme.sizes.pad
                        anchors.verticalCenter: parent.verticalCenter
                        spacing: screen.theme.sizes.pad * 0.75
                        Icon {
                            id: rowIcon
                            anchors.verticalCenter: parent.verticalCenter
                            name: row.model.here ? "here" : "pin"
                            size: screen.theme.sizes.label * 1.3
                            color: row.model.here ? screen.theme.colors.onHere : screen.theme.colors.heading
                        }
                        Column {
                            anchors.verticalCenter: parent.verticalCenter
                            width: row.width - rowIcon.width - 3 * screen.theme.sizes.pad
                            Text {
                                textFormat: Text.PlainText
                                width: parent.width
                                text: row.model.place
                                wrapMode: Text.Wrap
                                color: row.model.here ? screen.theme.colors.onHere : screen.theme.colors.text
                                font.pixelSize: screen.theme.sizes.label
                                font.bold: true
                            }
                            Text {
                                textFormat: Text.PlainText
                                objectName: "miles-" + row.model.locationId
                                visible: !row.model.here && row.model.miles >= 0
                                width: parent.width
                                text: visible ? screen.ui.distance.replace("{miles}", row.model.miles.toFixed(1)) : ""
                                wrapMode: Text.Wrap
                                color: screen.theme.colors.text
                                font.pixelSize: screen.theme.sizes.body
                            }
                            Text {
                                textFormat: Text.PlainText
                                visible: row.model.here
                                width: parent.width
                                text: screen.ui.you_are_here
                                wrapMode: Text.Wrap
                                color: screen.theme.colors.onHere
                                font.pixelSize: screen.theme.sizes.body
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
        theme: screen.theme
        guard: screen.guard
        flick: list
        available: screen.height - list.y - screen.margin
        text: screen.ui.more_below
    }
}
