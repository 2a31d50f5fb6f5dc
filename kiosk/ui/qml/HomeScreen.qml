import QtQuick
import QtQuick.Layouts

// Home: the About clonus pages, every treatment, and Find a location, as large tiles.
Item {
    id: screen

    required property QtObject appState
    required property QtObject theme
    required property QtObject guard
    required property QtObject content
    required property QtObject locations
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

    TextMetrics {
        id: longestWord
        font.family: screen.theme.fontFamily
        font.pixelSize: screen.theme.sizes.tileTitle
        font.bold: true
        text: screen.content.longestTileWord(screen.appState.language, screen.content.revision)
    }

    Flickable {
        id: flick
        objectName: "homeFlick"
        anchors { left: parent.left; right: parent.right; top: parent.top; bottom: moreBelow.top }
        contentWidth: width
        contentHeight: body.y + body.height + screen.margin
        flickableDirection: Flickable.VerticalFlick
        boundsBehavior: Flickable.StopAtBounds
        clip: true

        Text {
            id: homeTitle
            textFormat: Text.PlainText
            objectName: "homeTitle"
            x: screen.margin
            y: screen.margin * 0.75
            width: screen.avail
            text: screen.appState.clinic
            wrapMode: Text.Wrap
            color: screen.theme.colors.heading
            font.family: screen.theme.fontFamily
            font.pixelSize: screen.theme.sizes.title
            font.bold: true
        }

        Item {
            id: body
            x: screen.margin
            y: homeTitle.y + homeTitle.height + screen.sp
            width: screen.avail
            height: screen.sideBySide
                ? Math.max(about.height, locationsSection.height) + screen.sp * 1.5 + treatments.height
                : about.height + treatments.height + locationsSection.height + screen.sp * 3

            TileSection {
                id: about
                width: screen.sideBySide ? 3 * screen.tileWidth + 2 * screen.sp : screen.avail
                screen: screen
                objectName: "aboutSection"
                title: screen.ui.about_clonus
                model: screen.content.aboutTiles
                columns: screen.sideBySide ? 3 : Math.min(3, screen.columns)
            }

            Column {
                id: locationsSection
                x: screen.sideBySide ? about.width + screen.sp : 0
                y: screen.sideBySide ? 0 : treatments.y + treatments.height + screen.sp * 1.5
                width: screen.sideBySide ? screen.avail - about.width - screen.sp : screen.avail
                spacing: screen.sp / 2

                SectionTitle {
                    theme: screen.theme
                    text: screen.ui.find_location
                    width: parent.width
                }
                Tile {
                    objectName: "tile-locations"
                    theme: screen.theme
                    guard: screen.guard
                    width: parent.width
                    height: screen.sideBySide ? Math.max(implicitHeight, about.tileHeight) : implicitHeight
                    wide: !screen.sideBySide
                    imageHeight: screen.imageHeight
                    title: screen.ui.find_location
                    illustration: screen.content.locationsIllustration
                    onActivated: screen.appState.openLocations()
                }
            }

            TileSection {
                id: treatments
                y: screen.sideBySide
                    ? Math.max(about.height, locationsSection.height) + screen.sp * 1.5
                    : about.height + screen.sp * 1.5
                width: screen.avail
                screen: screen
                objectName: "treatmentSection"
                title: screen.ui.treatments
                model: screen.content.treatmentTiles
                columns: screen.columns
            }
        }
    }

    MoreBelow {
        id: moreBelow
        objectName: "moreBelowHome"
        anchors { left: parent.left; right: parent.right; bottom: parent.bottom }
        theme: screen.theme
        guard: screen.guard
        flick: flick
        available: screen.height
        text: screen.ui.more_below
    }

    component SectionTitle: Text {
        textFormat: Text.PlainText
        required property QtObject theme
        wrapMode: Text.Wrap
        color: theme.colors.heading
        font.family: theme.fontFamily
        font.pixelSize: theme.sizes.heading
        font.bold: true
    }

    component TileSection: Column {
        id: section
        required property Item screen
        property alias title: heading.text
        property alias model: repeater.model
        property alias columns: grid.columns
        readonly property real tileHeight: repeater.count > 0 && repeater.itemAt(0) ? repeater.itemAt(0).height : 0

        spacing: screen.sp / 2

        SectionTitle {
            id: heading
            theme: section.screen.theme
            width: parent.width
        }
        GridLayout {
            id: grid
            width: grid.columns * section.screen.tileWidth + (grid.columns - 1) * section.screen.sp
            columnSpacing: section.screen.sp
            rowSpacing: section.screen.sp

            Repeater {
                id: repeater
                delegate: Tile {
                    required property var model
                    objectName: "tile-" + model.pageId
                    title: model.title
                    illustration: model.illustration
                    theme: section.screen.theme
                    guard: section.screen.guard
                    Layout.preferredWidth: section.screen.tileWidth
                    Layout.maximumWidth: section.screen.tileWidth
                    Layout.fillHeight: true
                    Layout.alignment: Qt.AlignTop
                    imageHeight: section.screen.imageHeight
                    onActivated: section.screen.appState.openPage(model.pageId)
                }
            }
        }
    }
}
