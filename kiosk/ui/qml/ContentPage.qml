pragma ComponentBehavior: Bound
import QtQuick
import Kiosk

// An About or treatment page: illustration, title, summary, the sections, the disclaimer.
// "Questions to ask your doctor" is one tap away at the top; Previous/Next sit in a fixed footer
// and a sideways swipe does the same.
Item {
    id: page

    required property AppState appState
    required property Theme theme
    required property TapGuard guard
    required property Content content
    required property Locations locations
    required property Narrator narrator
    required property string routeId

    readonly property var ui: appState.ui
    readonly property var info: content.page(routeId, appState.language, content.revision)
    readonly property var sections: info.sections || []
    readonly property int questionsIndex: sections.findIndex(s => s.questions)
    // The unit of this page being read aloud (-1: none): it is marked and kept in view.
    readonly property int readingUnit: narrator.pageId === routeId ? narrator.currentUnit : -1
    readonly property real margin: theme.sizes.margin
    readonly property real sp: theme.sizes.spacing
    readonly property bool landscape: width > height * 1.1
    readonly property real illustrationSize: landscape
        ? Math.round(Math.min(height * 0.42, (width - 2 * margin) * 0.3))
        : Math.round(Math.min((width - 2 * margin) * 0.5, height * 0.22))

    objectName: "contentPage"

    function jumpToQuestions() {
        const item = repeater.itemAt(page.questionsIndex)
        if (!item)
            return
        const target = item.mapToItem(body, 0, 0).y + body.y - page.sp
        jump.to = Math.max(0, Math.min(target, flick.contentHeight - flick.height))
        jump.restart()
    }

    // The text being read, scrolled into view (a third of the way down) when it is not all shown.
    function followReading(item) {
        const top = item.mapToItem(body, 0, 0).y + body.y
        if (top >= flick.contentY && top + item.height <= flick.contentY + flick.height)
            return
        jump.to = Math.max(0, Math.min(top - flick.height / 3, flick.contentHeight - flick.height))
        jump.restart()
    }

    ReadingMark {
        theme: page.theme
        texts: body
        unit: page.readingUnit
        onMarked: item => page.followReading(item)
    }

    Flickable {
        id: flick
        objectName: "pageFlick"
        anchors { left: parent.left; right: parent.right; top: parent.top; bottom: listenBar.top }
        contentWidth: width
        contentHeight: body.height + 2 * page.margin
        flickableDirection: Flickable.VerticalFlick
        boundsBehavior: Flickable.StopAtBounds
        clip: true

        NumberAnimation {
            id: jump
            target: flick
            property: "contentY"
            duration: 450
            easing.type: Easing.InOutCubic
        }

        Column {
            id: body
            x: Math.max(page.margin, (flick.width - width) / 2)
            y: page.margin
            width: Math.min(flick.width - 2 * page.margin, page.theme.sizes.textWidth + (page.landscape ? page.illustrationSize + header.spacing : 0))
            spacing: page.sp

            // Sideways swipe: next/previous page. Generous: a fifth of the width, mostly sideways.
            DragHandler {
                id: swipe
                target: null
                yAxis.enabled: false
                dragThreshold: page.theme.sizes.slop * 2
                onActiveChanged: {
                    if (active)
                        return
                    const dx = centroid.position.x - centroid.pressPosition.x
                    const dy = centroid.position.y - centroid.pressPosition.y
                    if (Math.abs(dx) < page.width / 5 || Math.abs(dx) < 2 * Math.abs(dy))
                        return
                    if (dx < 0 && page.info.nextId)
                        page.appState.nextPage()
                    else if (dx > 0 && page.info.previousId)
                        page.appState.previousPage()
                }
            }

            Grid {
                id: header
                width: parent.width
                columns: page.landscape ? 2 : 1
                spacing: page.sp * 1.5

                Image {
                    id: illustration
                    objectName: "illustration"
                    width: page.illustrationSize
                    height: width
                    source: page.info.illustration || ""
                    sourceSize.width: width
                    sourceSize.height: height
                    fillMode: Image.PreserveAspectFit
                }
                Column {
                    width: page.landscape ? header.width - illustration.width - header.spacing : header.width
                    spacing: page.sp

                    Text {
                        readonly property bool reading: page.readingUnit >= 0 && page.info.titleUnit === page.readingUnit
                        textFormat: Text.PlainText
                        objectName: "pageTitle"
                        width: parent.width
                        text: page.info.title || ""
                        wrapMode: Text.Wrap
                        color: page.theme.colors.heading
                        font.pixelSize: page.theme.sizes.title
                        font.bold: true
                    }
                    Paragraphs {
                        objectName: "pageSummary"
                        width: parent.width
                        theme: page.theme
                        currentUnit: page.readingUnit
                        blocks: page.info.summary || []
                        fontSize: Math.round(page.theme.sizes.body * 1.1)
                    }
                    KioskButton {
                        objectName: "questionsButton"
                        visible: page.questionsIndex >= 0
                        theme: page.theme
                        guard: page.guard
                        primary: true
                        iconName: "question"
                        text: page.ui.jump_to_questions
                        fontSize: page.theme.sizes.label
                        maxTextWidth: parent.width - 3 * page.theme.sizes.pad - fontSize * 1.25
                        onActivated: page.jumpToQuestions()
                    }
                }
            }

            // By count, each section reading its own entry: a new revision of the page (the
            // content studio's preview, at each keystroke) rebuilds only the sections whose
            // content changed, as a var property takes an equal value without a change.
            Repeater {
                id: repeater
                model: page.sections.length
                delegate: Rectangle {
                    id: box
                    required property int index
                    readonly property var modelData: page.sections[index] || ({})
                    objectName: modelData.questions ? "questionsSection" : "section-" + index
                    width: body.width
                    height: sectionColumn.implicitHeight + 2 * page.theme.sizes.pad * 1.5
                    radius: page.theme.sizes.radius
                    color: modelData.questions ? page.theme.colors.questions : page.theme.colors.surface
                    border.width: modelData.questions ? page.theme.sizes.questionsBorder : page.theme.sizes.panelBorder
                    border.color: modelData.questions ? page.theme.colors.questionsBorder : page.theme.colors.border

                    Column {
                        id: sectionColumn
                        x: page.theme.sizes.pad * 1.5
                        y: page.theme.sizes.pad * 1.5
                        width: parent.width - 2 * x
                        spacing: page.theme.sizes.pad / 2

                        Row {
                            width: parent.width
                            spacing: page.theme.sizes.pad / 2
                            Loader {
                                id: sectionIcon
                                active: box.modelData.questions
                                visible: active
                                anchors.verticalCenter: parent.verticalCenter
                                sourceComponent: Icon {
                                    name: "question"
                                    size: page.theme.sizes.heading
                                    color: page.theme.colors.heading
                                }
                            }
                            Text {
                                readonly property bool reading: page.readingUnit >= 0 && box.modelData.headingUnit === page.readingUnit
                                textFormat: Text.PlainText
                                width: parent.width - (sectionIcon.visible ? sectionIcon.width + parent.spacing : 0)
                                text: box.modelData.heading
                                wrapMode: Text.Wrap
                                color: page.theme.colors.heading
                                font.pixelSize: page.theme.sizes.heading
                                font.bold: true
                            }
                        }
                        Paragraphs {
                            width: parent.width
                            theme: page.theme
                            currentUnit: page.readingUnit
                            blocks: box.modelData.blocks
                            fontSize: page.theme.sizes.body
                        }
                    }
                }
            }

            Rectangle {
                objectName: "disclaimer"
                width: body.width
                height: disclaimerColumn.implicitHeight + 2 * page.theme.sizes.pad
                radius: page.theme.sizes.radius
                color: page.theme.colors.disclaimer
                border.width: page.theme.sizes.panelBorder
                border.color: page.theme.colors.border

                Column {
                    id: disclaimerColumn
                    x: page.theme.sizes.pad
                    y: page.theme.sizes.pad
                    width: parent.width - 2 * x
                    spacing: page.theme.sizes.pad / 2

                    Text {
                        textFormat: Text.PlainText
                        width: parent.width
                        text: page.info.disclaimerTitle || ""
                        wrapMode: Text.Wrap
                        color: page.theme.colors.text
                        font.pixelSize: page.theme.sizes.body
                        font.bold: true
                    }
                    Paragraphs {
                        width: parent.width
                        theme: page.theme
                        blocks: page.info.disclaimer || []
                        fontSize: page.theme.sizes.body
                    }
                }
            }
        }
    }

    // A thick, always-visible position bar: the page goes on below.
    Rectangle {
        objectName: "scrollBar"
        visible: flick.contentHeight > flick.height + 1
        anchors.right: parent.right
        anchors.rightMargin: page.theme.sizes.pageScrollBarInset
        y: flick.y + flick.visibleArea.yPosition * flick.height
        width: page.theme.sizes.pageScrollBar
        height: flick.visibleArea.heightRatio * flick.height
        radius: width / 2
        color: page.theme.colors.textMuted
        opacity: 0.6
    }

    ListenBar {
        id: listenBar
        anchors { left: parent.left; right: parent.right; bottom: footer.top }
        appState: page.appState
        theme: page.theme
        guard: page.guard
        narrator: page.narrator
        pageId: page.routeId
    }

    // Previous and Next, each half the footer wide on every page (they never change size under
    // the finger). The last page leads on to all topics (Home).
    Rectangle {
        id: footer
        objectName: "pageFooter"
        readonly property real half: (width - 2 * page.margin - page.sp) / 2
        readonly property bool last: !page.info.nextId
        anchors { left: parent.left; right: parent.right; bottom: parent.bottom }
        height: Math.max(previousButton.implicitHeight, nextButton.implicitHeight) + 2 * page.theme.sizes.pad * 0.6
        color: page.theme.colors.surface

        Rectangle {
            anchors { left: parent.left; right: parent.right; top: parent.top }
            height: page.theme.sizes.border
            color: page.theme.colors.border
        }

        KioskButton {
            id: previousButton
            objectName: "previousButton"
            anchors.left: parent.left
            anchors.leftMargin: page.margin
            anchors.verticalCenter: parent.verticalCenter
            width: footer.half
            height: parent.height - 2 * page.theme.sizes.pad * 0.6
            visible: !!page.info.previousId
            theme: page.theme
            guard: page.guard
            iconName: "previous"
            text: page.ui.previous + ": " + (page.info.previousTitle || "")
            spokenParts: [page.ui.previous, page.info.previousTitle || ""]
            maxTextWidth: footer.half - 3 * page.theme.sizes.pad - fontSize * 1.25
            onActivated: page.appState.previousPage()
        }
        KioskButton {
            id: nextButton
            objectName: "nextButton"
            anchors.right: parent.right
            anchors.rightMargin: page.margin
            anchors.verticalCenter: parent.verticalCenter
            width: footer.half
            height: parent.height - 2 * page.theme.sizes.pad * 0.6
            theme: page.theme
            guard: page.guard
            primary: true
            iconName: footer.last ? "home" : "next"
            iconAfter: true
            text: footer.last ? page.ui.all_topics : page.ui.next + ": " + (page.info.nextTitle || "")
            spokenParts: footer.last ? [page.ui.all_topics] : [page.ui.next, page.info.nextTitle || ""]
            maxTextWidth: footer.half - 3 * page.theme.sizes.pad - fontSize * 1.25
            onActivated: footer.last ? page.appState.home() : page.appState.nextPage()
        }
    }
}
