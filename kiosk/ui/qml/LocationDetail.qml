pragma ComponentBehavior: Bound
import QtQuick
import Kiosk

// One town: what the bundle has (address, phone, hours, notes: only those present), how far it is
// from this kiosk, the practice's website, and a QR code that opens directions to it on the
// patient's phone (a map search for the practice in this town, or the location's own link).
Item {
    id: detail

    required property AppState appState
    required property Theme theme
    required property TapGuard guard
    required property Content content
    required property Locations locations
    required property Narrator narrator
    required property string routeId

    readonly property var ui: appState.ui
    readonly property var info: locations.detail(routeId, appState.language, locations.revision)
    readonly property real margin: theme.sizes.margin
    readonly property real sp: theme.sizes.spacing
    readonly property bool landscape: width > height
    readonly property real qrSide: Math.round(Math.min(landscape ? height * 0.55 : width * 0.55, theme.sizes.qrMax))

    objectName: "locationDetail"

    // The part of this town page being read aloud (-1: none): it is marked and kept in view.
    readonly property int readingUnit: narrator.pageId === "location-" + routeId ? narrator.currentUnit : -1
    function reads(part) {
        const units = detail.info.units || {}
        return detail.readingUnit >= 0 && units[part] === detail.readingUnit
    }
    // The part being read, scrolled into view (a third of the way down) when it is not all shown.
    function followReading(item) {
        const top = item.mapToItem(body, 0, 0).y + body.y
        if (top >= flick.contentY && top + item.height <= flick.contentY + flick.height)
            return
        flick.contentY = Math.max(0, Math.min(top - flick.height / 3, flick.contentHeight - flick.height))
    }

    ReadingMark {
        theme: detail.theme
        texts: body
        unit: detail.readingUnit
        onMarked: item => detail.followReading(item)
    }

    Flickable {
        id: flick
        objectName: "locationFlick"
        anchors { left: parent.left; right: parent.right; top: parent.top; bottom: moreBelow.top }
        contentWidth: width
        contentHeight: body.height + 2 * detail.margin
        flickableDirection: Flickable.VerticalFlick
        boundsBehavior: Flickable.StopAtBounds
        clip: true

        Grid {
            id: body
            x: detail.margin
            y: detail.margin
            width: parent.width - 2 * detail.margin
            columns: detail.landscape ? 2 : 1
            spacing: detail.sp * 2

            Column {
                id: facts
                width: detail.landscape ? body.width - qrPanel.width - body.spacing : body.width
                spacing: detail.sp

                Text {
                    readonly property bool reading: detail.reads("place")
                    textFormat: Text.PlainText
                    objectName: "townTitle"
                    width: parent.width
                    text: detail.info.place || ""
                    wrapMode: Text.Wrap
                    color: detail.theme.colors.heading
                    font.pixelSize: detail.theme.sizes.title
                    font.bold: true
                }
                Text {
                    readonly property bool reading: detail.reads("county")
                    textFormat: Text.PlainText
                    objectName: "county"
                    visible: !!detail.info.county && !!detail.ui.county
                    width: parent.width
                    text: visible ? detail.ui.county.replace("{county}", detail.info.county) : ""
                    wrapMode: Text.Wrap
                    color: detail.theme.colors.textMuted
                    font.pixelSize: detail.theme.sizes.heading
                }
                Rectangle {
                    objectName: "youAreHere"
                    visible: !!detail.info.here
                    width: hereRow.implicitWidth + 2 * detail.theme.sizes.pad
                    height: hereRow.implicitHeight + detail.theme.sizes.pad
                    radius: height / 2
                    color: detail.theme.colors.here
                    Row {
                        id: hereRow
                        anchors.centerIn: parent
                        spacing: detail.theme.sizes.pad / 2
                        Icon { name: "here"; size: detail.theme.sizes.body; color: detail.theme.colors.textOnHere; anchors.verticalCenter: parent.verticalCenter }
                        Text {
                            textFormat: Text.PlainText
                            text: detail.ui.you_are_here
                            color: detail.theme.colors.textOnHere
                            font.pixelSize: detail.theme.sizes.body
                            font.bold: true
                        }
                    }
                }
                Text {
                    readonly property bool reading: detail.reads("organization")
                    textFormat: Text.PlainText
                    width: parent.width
                    text: detail.info.organization || ""
                    wrapMode: Text.Wrap
                    color: detail.theme.colors.text
                    font.pixelSize: detail.theme.sizes.heading
                }
                Text {
                    textFormat: Text.PlainText
                    objectName: "distance"
                    visible: (detail.info.miles || -1) >= 0
                    width: parent.width
                    text: visible ? detail.ui.distance.replace("{miles}", detail.info.miles.toFixed(1)) : ""
                    wrapMode: Text.Wrap
                    color: detail.theme.colors.text
                    font.pixelSize: detail.theme.sizes.body
                    font.bold: true
                }
                Repeater {
                    model: detail.info.fields || []
                    delegate: Column {
                        required property var modelData
                        objectName: "field-" + modelData.key
                        width: facts.width
                        Text {
                            readonly property bool reading: detail.reads(parent.modelData.key + "Label")
                            textFormat: Text.PlainText
                            width: parent.width
                            text: detail.ui[parent.modelData.key]
                            wrapMode: Text.Wrap
                            color: detail.theme.colors.textMuted
                            font.pixelSize: detail.theme.sizes.body
                            font.bold: true
                        }
                        Text {
                            readonly property bool reading: detail.reads(parent.modelData.key + "Value")
                            textFormat: Text.PlainText
                            width: parent.width
                            text: parent.modelData.value
                            wrapMode: Text.Wrap
                            color: detail.theme.colors.text
                            font.pixelSize: detail.theme.sizes.body
                        }
                    }
                }
                Text {
                    readonly property bool reading: detail.reads("callForDetails")
                    textFormat: Text.PlainText
                    objectName: "callForDetails"
                    visible: (detail.info.fields || []).length === 0
                    width: parent.width
                    text: detail.ui.call_for_details
                    wrapMode: Text.Wrap
                    color: detail.theme.colors.text
                    font.pixelSize: detail.theme.sizes.body
                    lineHeight: 1.2
                }
                Text {
                    readonly property bool reading: detail.reads("notes")
                    textFormat: Text.PlainText
                    objectName: "notes"
                    visible: !!detail.info.notes
                    width: parent.width
                    text: detail.info.notes || ""
                    wrapMode: Text.Wrap
                    color: detail.theme.colors.text
                    font.pixelSize: detail.theme.sizes.body
                }
                // The nearest other offices: a town page that differs usefully from the next one
                // although the bundle has no address, phone or hours (never invented).
                Column {
                    objectName: "nearestOffices"
                    visible: (detail.info.nearest || []).length > 0 && !!detail.ui.nearest_offices
                    width: parent.width
                    spacing: detail.sp
                    Text {
                        readonly property bool reading: detail.reads("nearestOffices")
                        textFormat: Text.PlainText
                        width: parent.width
                        text: detail.ui.nearest_offices || ""
                        wrapMode: Text.Wrap
                        color: detail.theme.colors.textMuted
                        font.pixelSize: detail.theme.sizes.body
                        font.bold: true
                    }
                    Repeater {
                        model: detail.info.nearest || []
                        delegate: Tappable {
                            id: near
                            required property var modelData
                            objectName: "nearest-" + modelData.id
                            theme: detail.theme
                            guard: detail.guard
                            accessibleName: modelData.place
                            width: facts.width
                            height: Math.max(detail.theme.sizes.target, nearText.implicitHeight + detail.theme.sizes.pad)
                            radius: detail.theme.sizes.radius
                            color: down ? detail.theme.colors.pressed : detail.theme.colors.surface
                            border.width: detail.theme.sizes.border
                            border.color: detail.theme.colors.buttonBorder
                            onActivated: detail.appState.openLocation(modelData.id)

                            Row {
                                x: detail.theme.sizes.pad
                                anchors.verticalCenter: parent.verticalCenter
                                spacing: detail.theme.sizes.pad * 0.75
                                Icon {
                                    id: nearIcon
                                    anchors.verticalCenter: parent.verticalCenter
                                    name: "pin"
                                    size: detail.theme.sizes.label * 1.3
                                    color: detail.theme.colors.heading
                                }
                                Column {
                                    id: nearText
                                    anchors.verticalCenter: parent.verticalCenter
                                    width: near.width - nearIcon.width - 3 * detail.theme.sizes.pad
                                    Text {
                                        readonly property bool reading: detail.reads("nearest-" + near.modelData.id)
                                        textFormat: Text.PlainText
                                        width: parent.width
                                        text: near.modelData.place
                                        wrapMode: Text.Wrap
                                        color: detail.theme.colors.text
                                        font.pixelSize: detail.theme.sizes.label
                                        font.bold: true
                                    }
                                    Text {
                                        readonly property bool reading: detail.reads("nearestMiles-" + near.modelData.id)
                                        textFormat: Text.PlainText
                                        objectName: "nearestMiles-" + near.modelData.id
                                        width: parent.width
                                        text: (detail.ui.miles_from_office || "").replace("{miles}", near.modelData.miles.toFixed(1))
                                        wrapMode: Text.Wrap
                                        color: detail.theme.colors.text
                                        font.pixelSize: detail.theme.sizes.body
                                    }
                                }
                            }
                        }
                    }
                }
                Column {
                    width: parent.width
                    Text {
                        readonly property bool reading: detail.reads("websiteTitle")
                        textFormat: Text.PlainText
                        width: parent.width
                        text: detail.ui.website
                        wrapMode: Text.Wrap
                        color: detail.theme.colors.textMuted
                        font.pixelSize: detail.theme.sizes.body
                        font.bold: true
                    }
                    Text {
                        readonly property bool reading: detail.reads("website")
                        textFormat: Text.PlainText
                        objectName: "website"
                        width: parent.width
                        text: detail.info.websiteLabel || ""
                        wrapMode: Text.WrapAnywhere
                        color: detail.theme.colors.heading
                        font.pixelSize: detail.theme.sizes.heading
                        font.bold: true
                    }
                }
            }

            Column {
                id: qrPanel
                width: Math.max(detail.qrSide + 8, detail.landscape ? body.width * 0.36 : 0)
                spacing: detail.sp

                Rectangle {
                    anchors.horizontalCenter: parent.horizontalCenter
                    width: qr.implicitWidth + 2 * border.width
                    height: qr.implicitHeight + 2 * border.width
                    color: detail.theme.colors.qrLight
                    border.width: detail.theme.sizes.qrBorder
                    border.color: detail.theme.colors.border

                    Image {
                        id: qr
                        objectName: "qrCode"
                        anchors.centerIn: parent
                        // Whole pixels per module: the provider fits the code in qrSide.
                        source: detail.info.qrSource || ""
                        sourceSize.width: detail.qrSide
                        sourceSize.height: detail.qrSide
                        smooth: false
                        cache: false
                    }
                }
                Text {
                    readonly property bool reading: detail.reads("scan")
                    textFormat: Text.PlainText
                    objectName: "scanToTakeHome"
                    width: parent.width
                    text: detail.ui.scan_to_take_home
                    wrapMode: Text.Wrap
                    horizontalAlignment: Text.AlignHCenter
                    color: detail.theme.colors.text
                    font.pixelSize: detail.theme.sizes.body
                    font.bold: true
                }
            }
        }
    }

    MoreBelow {
        id: moreBelow
        objectName: "moreBelowTown"
        anchors { left: parent.left; right: parent.right; bottom: listenBar.top }
        theme: detail.theme
        guard: detail.guard
        flick: flick
        available: detail.height - listenBar.height
        text: detail.ui.more_below
    }

    ListenBar {
        id: listenBar
        anchors { left: parent.left; right: parent.right; bottom: parent.bottom }
        appState: detail.appState
        theme: detail.theme
        guard: detail.guard
        narrator: detail.narrator
        pageId: "location-" + detail.routeId
    }
}
