# mistake: returns the loss recomputed after the update instead of the loss before it
# targets: test_train_step
# %% train_step
def train_step(x, y, w, b, lr):
    loss = (0.5 * (x.pow(2).mm(w) + b - y) ** 2).sum()
    loss.backward()
    with torch.no_grad():
        w -= lr * w.grad
        b -= lr * b.grad
        w.grad.zero_()
        b.grad.zero_()
        loss = (0.5 * (x.pow(2).mm(w) + b - y) ** 2).sum()
    return loss.item()
