pragma ComponentBehavior: Bound
import QtQuick
import Kiosk

// One town: what the bundle has (address, phone, hours, notes: only those present), how far it is
// from this kiosk, the practice's website, and a QR code that opens directions to it on the
// patient's phone (a map search for the practice in this town, or the location's own link).
Item {
    id: screen

    required property AppState appState
    required property Theme theme
    required property TapGuard guard
    required property Content content
    required property Locations locations
    required property string routeId

    readonly property var ui: appState.ui
    readonly property var info: locations.detail(routeId, appState.language, locations.revision)
    readonly property real margin: theme.sizes.margin
    readonly property real sp: theme.sizes.spacing
    readonly property bool landscape: width > height
    readonly property real qrSide: Math.round(Math.min(landscape ? height * 0.55 : width * 0.55, 560 * theme.unit))

    objectName: "locationDetail"

    Flickable {
        id: flick
        objectName: "locationFlick"
        anchors { left: parent.left; right: parent.right; top: parent.top; bottom: moreBelow.top }
        contentWidth: width
        contentHeight: body.height + 2 * screen.margin
        flickableDirection: Flickable.VerticalFlick
        boundsBehavior: Flickable.StopAtBounds
        clip: true

        Grid {
            id: body
            x: screen.margin
            y: screen.margin
            width: parent.width - 2 * screen.margin
            columns: screen.landscape ? 2 : 1
            spacing: screen.sp * 2

            Column {
                id: facts
                width: screen.landscape ? body.width - qrPanel.width - body.spacing : body.width
                spacing: screen.sp

                Text {
                    textFormat: Text.PlainText
                    objectName: "townTitle"
                    width: parent.width
                    text: screen.info.place || ""
                    wrapMode: Text.Wrap
                    color: screen.theme.colors.heading
                    font.pixelSize: screen.theme.sizes.title
                    font.bold: true
                }
                Rectangle {
                    objectName: "youAreHere"
                    visible: !!screen.info.here
                    width: hereRow.implicitWidth + 2 * screen.theme.sizes.pad
                    height: hereRow.implicitHeight + screen.theme.sizes.pad
                    radius: height / 2
                    color: screen.theme.colors.here
                    Row {
                        id: hereRow
                        anchors.centerIn: parent
                        spacing: screen.theme.sizes.pad / 2
                        Icon { name: "here"; size: screen.theme.sizes.body; color: screen.theme.colors.onHere; anchors.verticalCenter: parent.verticalCenter }
                        Text {
                            textFormat: Text.PlainText
                            text: screen.ui.you_are_here
                            color: screen.theme.colors.onHere
                            font.pixelSize: screen.theme.sizes.body
                            font.bold: true
                        }
                    }
                }
                Text {
                    textFormat: Text.PlainText
                    width: parent.width
                    text: screen.info.organization || ""
                    wrapMode: Text.Wrap
                    color: screen.theme.colors.text
                    font.pixelSize: screen.theme.sizes.heading
                }
                Text {
                    textFormat: Text.PlainText
                    objectName: "distance"
                    visible: (screen.info.miles || -1) >= 0
                    width: parent.width
                    text: visible ? screen.ui.distance.replace("{miles}", screen.info.miles.toFixed(1)) : ""
                    wrapMode: Text.Wrap
                    color: screen.theme.colors.text
                    font.pixelSize: screen.theme.sizes.body
                    font.bold: true
                }
                Repeater {
                    model: screen.info.fields || []
                    delegate: Column {
                        required property var modelData
                        objectName: "field-" + modelData.key
                        width: facts.width
                        Text {
                            textFormat: Text.PlainText
                            width: parent.width
                            text: screen.ui[parent.modelData.key]
                            wrapMode: Text.Wrap
                            color: screen.theme.colors.textMuted
                            font.pixelSize: screen.theme.sizes.body
                            font.bold: true
                        }
                        Text {
                            textFormat: Text.PlainText
                            width: parent.width
                            text: parent.modelData.value
                            wrapMode: Text.Wrap
                            color: screen.theme.colors.text
                            font.pixelSize: screen.theme.sizes.body
                        }
                    }
                }
                Text {
                    textFormat: Text.PlainText
                    objectName: "callForDetails"
                    visible: (screen.info.fields || []).length === 0
                    width: parent.width
                    text: screen.ui.call_for_details
                    wrapMode: Text.Wrap
                    color: screen.theme.colors.text
                    font.pixelSize: screen.theme.sizes.body
                    lineHeight: 1.2
                }
                Text {
                    textFormat: Text.PlainText
                    objectName: "notes"
                    visible: !!screen.info.notes
                    width: parent.width
                    text: screen.info.notes || ""
                    wrapMode: Text.Wrap
                    color: screen.theme.colors.text
                    font.pixelSize: screen.theme.sizes.body
                }
                Column {
                    width: parent.width
                    Text {
                        textFormat: Text.PlainText
                        width: parent.width
                        text: screen.ui.website
                        wrapMode: Text.Wrap
                        color: screen.theme.colors.textMuted
                        font.pixelSize: screen.theme.sizes.body
                        font.bold: true
                    }
                    Text {
                        textFormat: Text.PlainText
                        objectName: "website"
                        width: parent.width
                        text: screen.info.websiteLabel || ""
                        wrapMode: Text.WrapAnywhere
                        color: screen.theme.colors.heading
                        font.pixelSize: screen.theme.sizes.heading
                        font.bold: true
                    }
                }
            }

            Column {
                id: qrPanel
                width: Math.max(screen.qrSide + 8, screen.landscape ? body.width * 0.36 : 0)
                spacing: screen.sp

                Rectangle {
                    anchors.horizontalCenter: parent.horizontalCenter
                    width: qr.implicitWidth + 2 * border.width
                    height: qr.implicitHeight + 2 * border.width
                    color: screen.theme.colors.qrLight
                    border.width: screen.theme.highContrast ? 4 : 2
                    border.color: screen.theme.colors.border

                    Image {
                        id: qr
                        objectName: "qrCode"
                        anchors.centerIn: parent
                        // Whole pixels per module: the provider fits the code in qrSide.
                        source: screen.info.qrSource || ""
                        sourceSize.width: screen.qrSide
                        sourceSize.height: screen.qrSide
                        smooth: false
                        cache: false
                    }
                }
                Text {
                    textFormat: Text.PlainText
                    objectName: "scanToTakeHome"
                    width: parent.width
                    text: screen.ui.scan_to_take_home
                    wrapMode: Text.Wrap
                    horizontalAlignment: Text.AlignHCenter
                    color: screen.theme.colors.text
                    font.pixelSize: screen.theme.sizes.body
                    font.bold: true
                }
            }
        }
    }

    MoreBelow {
        id: moreBelow
        objectName: "moreBelowTown"
        anchors { left: parent.left; right: parent.right; bottom: parent.bottom }
        theme: screen.theme
        guard: screen.guard
        flick: flick
        available: screen.height
        text: screen.ui.more_below
    }
}
