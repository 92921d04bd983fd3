# why: unlabelled lines named by a list given to ax.legend, in a loop over the non-empty curves
# %% plot_losses
def plot_losses(train_losses: list[float], val_losses: list[float]) -> plt.Figure:
    fig, ax = plt.subplots(1, 1, figsize=(6, 4))
    names = []
    for losses, name in ((train_losses, "train"), (val_losses, "val")):
        if not losses:
            continue
        ax.plot(list(range(1, len(losses) + 1)), list(losses))
        names.append(name)
    ax.legend(names)
    ax.set_title("loss")
    ax.set_xlabel("epoch")
    ax.set_ylabel("loss")
    return fig
