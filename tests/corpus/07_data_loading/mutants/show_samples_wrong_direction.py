# mistake: normalizes a second time, (x - mean) / std, instead of undoing it
# targets: test_show_samples
# %% show_samples
def show_samples(images, labels, classes, mean, std):
    fig, axes = plt.subplots(1, len(images), squeeze=False)
    for ax, image, label in zip(axes.flat, images, labels):
        ax.imshow(transforms.Normalize(mean, std)(image).permute(1, 2, 0).numpy())
        ax.set_title(classes[label])
    return fig
