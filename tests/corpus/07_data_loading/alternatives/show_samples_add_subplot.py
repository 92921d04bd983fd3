# why: plt.figure and add_subplot one by one; imshow of a tensor; the mean and std broadcast from the last dimension
# %% show_samples
def show_samples(images, labels, classes, mean, std):
    fig = plt.figure()
    for k in range(len(images)):
        ax = fig.add_subplot(1, len(images), k + 1)
        ax.imshow(images[k].permute(1, 2, 0) * torch.tensor(std) + torch.tensor(mean))
        ax.set_title(classes[labels[k]])
    return fig
