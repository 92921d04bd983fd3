# mistake: keeps g = w.grad and then zeroes the gradients, so the returned tensors are zeros too
# targets: test_gradients
# %% gradients
def gradients(objective, x, y, w, b):
    objective(x, y, w, b).backward()
    grad_w, grad_b = w.grad, b.grad
    w.grad.zero_()
    b.grad.zero_()
    return grad_w, grad_b
