# mistake: undoes Normalize in place, changing the caller's images
# targets: test_show_samples
# %% show_samples
def show_samples(images, labels, classes, mean, std):
    fig, axes = plt.subplots(1, len(images), squeeze=False)
    for ax, image, label in zip(axes.flat, images, labels):
        for c in range(3):
            image[c].mul_(std[c]).add_(mean[c])
        ax.imshow(image.permute(1, 2, 0).numpy())
        ax.set_title(classes[label])
    return fig
