pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import Kiosk

// Home: the About clonus pages, every treatment, and Find a location, as large tiles.
Item {
    id: home

    required property AppState appState
    required property Theme theme
    required property TapGuard guard
    required property Content content
    required property Locations locations
    required property string routeId

    readonly property var ui: appState.ui
    readonly property real margin: theme.sizes.margin
    readonly property real sp: theme.sizes.spacing
    readonly property real avail: width - 2 * margin
    // A tile is never narrower than its longest word (at 200 % a title must wrap between
    // words, not inside one).
    readonly property real tileMin: Math.max(theme.sizes.tileMin, longestWord.advanceWidth + 2 * theme.sizes.pad + 8)
    readonly property int columns: Math.max(1, Math.min(5, Math.floor((avail + sp) / (tileMin + sp))))
    readonly property real tileWidth: (avail - (columns - 1) * sp) / columns
    readonly property real imageHeight: Math.min(tileWidth * (width > height ? 0.55 : 0.75), height * 0.2)
    // Wide screens: About (3 tiles) and Find a location (the rest) share the first row.
    readonly property bool sideBySide: columns >= 5 && content.aboutTiles.count <= 3

    objectName: "homeScreen"

    // The keypad follows the order of the items, which must be the reading order: Find a
    // location beside About on wide screens, after the treatments otherwise. An item added to a
    // parent goes last among its siblings (QML cannot call QQuickItem::stackAfter).
    function orderSections() {
        const last = home.sideBySide ? treatments : locationsSection
        last.parent = home
        last.parent = body
    }
    onSideBySideChanged: home.orderSections()
    Component.onCompleted: home.orderSections()

    TextMetrics {
        id: longestWord
        font.pixelSize: home.theme.sizes.tileTitle
        font.bold: true
        text: home.content.longestTileWord(home.appState.language, home.content.revision)
    }

    Flickable {
        id: flick
        objectName: "homeFlick"
        anchors { left: parent.left; right: parent.right; top: parent.top; bottom: moreBelow.top }
        contentWidth: width
        contentHeight: body.y + body.height + home.margin
        flickableDirection: Flickable.VerticalFlick
        boundsBehavior: Flickable.StopAtBounds
        clip: true

        Text {
            id: homeTitle
            textFormat: Text.PlainText
            objectName: "homeTitle"
            x: home.margin
            y: home.margin * 0.75
            width: home.avail
            text: home.appState.clinic
            wrapMode: Text.Wrap
            color: home.theme.colors.heading
            font.pixelSize: home.theme.sizes.title
            font.bold: true
        }

        Item {
            id: body
            x: home.margin
            y: homeTitle.y + homeTitle.height + home.sp
            width: home.avail
            height: home.sideBySide
                ? Math.max(about.height, locationsSection.height) + home.sp * 1.5 + treatments.height
                : about.height + treatments.height + locationsSection.height + home.sp * 3

            TileSection {
                id: about
                width: home.sideBySide ? 3 * home.tileWidth + 2 * home.sp : home.avail
                home: home
                objectName: "aboutSection"
                title: home.ui.about_clonus
                model: home.content.aboutTiles
                columns: home.sideBySide ? 3 : Math.min(3, home.columns)
            }

            Column {
                id: locationsSection
                x: home.sideBySide ? about.width + home.sp : 0
                y: home.sideBySide ? 0 : treatments.y + treatments.height + home.sp * 1.5
                width: home.sideBySide ? home.avail - about.width - home.sp : home.avail
                spacing: home.sp / 2

                SectionTitle {
                    theme: home.theme
                    text: home.ui.find_location
                    width: parent.width
                }
                Tile {
                    objectName: "tile-locations"
                    theme: home.theme
                    guard: home.guard
                    width: parent.width
                    height: home.sideBySide ? Math.max(implicitHeight, about.tileHeight) : implicitHeight
                    wide: !home.sideBySide
                    imageHeight: home.imageHeight
                    title: home.ui.find_location
                    illustration: home.content.locationsIllustration
                    onActivated: home.appState.openLocations()
                }
            }

            TileSection {
                id: treatments
                y: home.sideBySide
                    ? Math.max(about.height, locationsSection.height) + home.sp * 1.5
                    : about.height + home.sp * 1.5
                width: home.avail
                home: home
                objectName: "treatmentSection"
                title: home.ui.treatments
                model: home.content.treatmentTiles
                columns: home.columns
            }
        }
    }

    MoreBelow {
        id: moreBelow
        objectName: "moreBelowHome"
        anchors { left: parent.left; right: parent.right; bottom: parent.bottom }
        theme: home.theme
        guard: home.guard
        flick: flick
        available: home.height
        text: home.ui.more_below
    }

    component SectionTitle: Text {
        textFormat: Text.PlainText
        required property Theme theme
        wrapMode: Text.Wrap
        color: theme.colors.heading
        font.pixelSize: theme.sizes.heading
        font.bold: true
    }

    component TileSection: Column {
        id: section
        required property HomeScreen home
        property alias title: heading.text
        property alias model: repeater.model
        property alias columns: grid.columns
        readonly property real tileHeight: repeater.count > 0 && repeater.itemAt(0) ? repeater.itemAt(0).height : 0

        spacing: home.sp / 2

        SectionTitle {
            id: heading
            theme: section.home.theme
            width: parent.width
        }
        GridLayout {
            id: grid
            width: grid.columns * section.home.tileWidth + (grid.columns - 1) * section.home.sp
            columnSpacing: section.home.sp
            rowSpacing: section.home.sp

            Repeater {
                id: repeater
                delegate: Tile {
                    required property var model
                    objectName: "tile-" + model.pageId
                    title: model.title
                    illustration: model.illustration
                    theme: section.home.theme
                    guard: section.home.guard
                    Layout.preferredWidth: section.home.tileWidth
                    Layout.maximumWidth: section.home.tileWidth
                    Layout.fillHeight: true
                    Layout.alignment: Qt.AlignTop
                    imageHeight: section.home.imageHeight
                    onActivated: section.home.appState.openPage(model.pageId)
                }
            }
        }
    }
}
