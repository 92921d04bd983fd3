# why: a 2-column grid of subplots (the spare one left empty), un-normalized with an inverse Normalize, NumPy images
# %% show_samples
def show_samples(images, labels, classes, mean, std):
    undo = transforms.Normalize([-m / s for m, s in zip(mean, std)], [1 / s for s in std])
    rows = (len(images) + 1) // 2
    fig, axes = plt.subplots(rows, 2, squeeze=False, figsize=(4, 2 * rows))
    for k, ax in enumerate(axes.flat):
        ax.axis("off")
        if k < len(images):
            ax.imshow(np.transpose(undo(images[k]).numpy(), (1, 2, 0)))
            ax.set_title(classes[labels[k].item()])
    return fig
